//! The `package` library and `require` (loadlib.c of Lua 5.4).
//!
//! Place: opened by `open_libs` right after the base library (linit.c order). `package.loaded`
//! is `registry._LOADED`, `package.preload` is `registry._PRELOAD`; `require` and the four
//! searchers are native closures whose upvalue 1 is the `package` table (as in loadlib.c).
//!
//! Paths: `package.path` comes from `LUA_PATH_5_4` or `LUA_PATH` (";;" → the default path), and
//! `package.cpath` from `LUA_CPATH_5_4`/`LUA_CPATH`; the defaults are Debian lua5.4's. With
//! `registry.LUA_NOENV` set (the CLI's `-E`) the environment is ignored.
//!
//! C modules: aqua is pure Rust and cannot load shared libraries — it behaves as a PUC-Lua built
//! without dynamic-library support. `package.loadlib` returns `nil, DLMSG, "absent"`; the C
//! searchers search `package.cpath` as usual (so "module not found" messages list the same
//! `no file '...'` lines as lua5.4), and when they do find a C library its loading fails the way
//! it does in such a build: "error loading module 'm' from file 'f':\n\t" + `DLMSG` (lua5.4
//! prints its `dlopen` message there instead).

use crate::auxlib;
use aqua_vm::{Ctx, LuaError, NativeFn, State, Value};

/// `LUA_PATH_DEFAULT` of Debian's lua5.4.
const PATH_DEFAULT: &str = "/usr/local/share/lua/5.4/?.lua;/usr/local/share/lua/5.4/?/init.lua;\
/usr/local/lib/lua/5.4/?.lua;/usr/local/lib/lua/5.4/?/init.lua;\
/usr/share/lua/5.4/?.lua;/usr/share/lua/5.4/?/init.lua;./?.lua;./?/init.lua";
/// `LUA_CPATH_DEFAULT` of Debian's lua5.4.
const CPATH_DEFAULT: &str = "/usr/local/lib/lua/5.4/?.so;/usr/lib/x86_64-linux-gnu/lua/5.4/?.so;\
/usr/lib/lua/5.4/?.so;/usr/local/lib/lua/5.4/loadall.so;./?.so";
/// loadlib.c's message when dynamic libraries are not available.
const DLMSG: &str = "dynamic libraries not enabled; check your Lua installation";
const PRELOAD: &str = "_PRELOAD";

/// `luaL_gsub`: replace every occurrence of `pat` (non-empty) in `s` by `rep`.
fn gsub(s: &[u8], pat: &[u8], rep: &[u8]) -> Vec<u8> {
    if pat.is_empty() {
        return s.to_vec();
    }
    let mut out = Vec::with_capacity(s.len());
    let mut i = 0;
    while i < s.len() {
        if s[i..].starts_with(pat) {
            out.extend_from_slice(rep);
            i += pat.len();
        } else {
            out.push(s[i]);
            i += 1;
        }
    }
    out
}

/// `readable`: the file can be opened for reading (directories can, as with fopen).
fn readable(name: &[u8]) -> bool {
    use std::os::unix::ffi::OsStrExt;
    std::fs::File::open(std::ffi::OsStr::from_bytes(name)).is_ok()
}

/// `searchpath`: `Ok(file name)` or `Err("no file '...'\n\tno file '...'")`.
fn searchpath(name: &[u8], path: &[u8], sep: &[u8], dirsep: &[u8]) -> Result<Vec<u8>, Vec<u8>> {
    let name = crate::os::cstr_prefix(name);
    let path = crate::os::cstr_prefix(path);
    let sep = crate::os::cstr_prefix(sep);
    let dirsep = crate::os::cstr_prefix(dirsep);
    let name = if !sep.is_empty() && name.contains(&sep[0]) {
        gsub(name, sep, dirsep)
    } else {
        name.to_vec()
    };
    let full = gsub(path, b"?", &name);
    for f in full.split(|&c| c == b';') {
        if readable(f) {
            return Ok(f.to_vec());
        }
    }
    let mut msg = b"no file '".to_vec();
    msg.extend_from_slice(&gsub(&full, b";", b"'\n\tno file '"));
    msg.push(b'\'');
    Err(msg)
}

/// `findfile`: search `package[pname]` (upvalue 1 is `package`).
fn findfile(ctx: &mut Ctx, name: &[u8], pname: &str) -> Result<Result<Vec<u8>, Vec<u8>>, LuaError> {
    let pkg = ctx.upvalues().first().copied().unwrap_or(Value::NIL);
    let k = ctx.new_string(pname.as_bytes());
    let p = ctx.index(pkg, k)?;
    let path = match ctx.to_string_value(p) {
        Some(s) => s.as_bytes().to_vec(),
        None => return Err(ctx.error(&format!("'package.{pname}' must be a string"))),
    };
    Ok(searchpath(name, &path, b".", b"/"))
}

fn searcher_preload(ctx: &mut Ctx) -> Result<usize, LuaError> {
    let name = ctx.check_bytes(1)?;
    let reg = ctx.registry();
    let pre = ctx.raw_get_str(reg, PRELOAD);
    let k = ctx.new_string(&name);
    let v = ctx.index(pre, k)?;
    if v.is_nil() {
        let mut m = b"no field package.preload['".to_vec();
        m.extend_from_slice(crate::os::cstr_prefix(&name));
        m.extend_from_slice(b"']");
        let s = ctx.new_string(&m);
        ctx.ret1(s)
    } else {
        ctx.push(v);
        let s = ctx.new_string(b":preload:");
        ctx.push(s);
        Ok(2)
    }
}

fn searcher_lua(ctx: &mut Ctx) -> Result<usize, LuaError> {
    let name = ctx.check_bytes(1)?;
    let filename = match findfile(ctx, &name, "path")? {
        Ok(f) => f,
        Err(msg) => {
            let s = ctx.new_string(&msg);
            return ctx.ret1(s);
        }
    };
    // (the searcher was called through `Ctx::call`, which counted `findloader`'s `lua_call`)
    let level = ctx.c_calls();
    match crate::base::load_file_at(ctx, Some(&filename), b"bt", level) {
        Ok(f) => {
            ctx.push(f);
            let s = ctx.new_string(&filename);
            ctx.push(s);
            Ok(2)
        }
        Err(msg) => {
            let mut m = b"error loading module '".to_vec();
            m.extend_from_slice(crate::os::cstr_prefix(&name));
            m.extend_from_slice(b"' from file '");
            m.extend_from_slice(&filename);
            m.extend_from_slice(b"':\n\t");
            if let Some(s) = ctx.to_string_value(msg) {
                m.extend_from_slice(s.as_bytes());
            }
            Err(ctx.error_bytes_at(&m))
        }
    }
}

/// A C searcher found a C library: loading it fails as in a PUC-Lua built without dynamic
/// libraries (`lsys_load` gives `DLMSG`), so `checkload` raises "error loading module".
fn c_module_error(ctx: &mut Ctx, filename: &[u8]) -> LuaError {
    let name = ctx.arg(1);
    let mut m = b"error loading module '".to_vec();
    m.extend_from_slice(crate::os::cstr_prefix(name.str_bytes().unwrap_or_default()));
    m.extend_from_slice(b"' from file '");
    m.extend_from_slice(filename);
    m.extend_from_slice(b"':\n\t");
    m.extend_from_slice(DLMSG.as_bytes());
    ctx.error_bytes_at(&m)
}

fn searcher_c(ctx: &mut Ctx) -> Result<usize, LuaError> {
    let name = ctx.check_bytes(1)?;
    match findfile(ctx, &name, "cpath")? {
        Ok(f) => Err(c_module_error(ctx, &f)),
        Err(msg) => {
            let s = ctx.new_string(&msg);
            ctx.ret1(s)
        }
    }
}

fn searcher_croot(ctx: &mut Ctx) -> Result<usize, LuaError> {
    let name = ctx.check_bytes(1)?;
    let name = crate::os::cstr_prefix(&name).to_vec();
    let Some(dot) = name.iter().position(|&c| c == b'.') else {
        return Ok(0);
    };
    match findfile(ctx, &name[..dot], "cpath")? {
        Ok(f) => Err(c_module_error(ctx, &f)),
        Err(msg) => {
            let s = ctx.new_string(&msg);
            ctx.ret1(s)
        }
    }
}

/// `findloader`: ask each searcher; pushes the loader and its data.
fn findloader(ctx: &mut Ctx, name: Value) -> Result<(), LuaError> {
    let pkg = ctx.upvalues().first().copied().unwrap_or(Value::NIL);
    let k = ctx.new_string(b"searchers");
    let searchers = ctx.index(pkg, k)?;
    let Some(tab) = searchers.as_table() else {
        return Err(ctx.error("'package.searchers' must be a table"));
    };
    ctx.push(searchers); // keep it rooted while searchers run
    let mut msg: Vec<u8> = Vec::new();
    let mut i = 1;
    loop {
        let s = tab.raw_get_int(i);
        if s.is_nil() {
            let mut m = b"module '".to_vec();
            m.extend_from_slice(crate::os::cstr_prefix(name.str_bytes().unwrap_or_default()));
            m.extend_from_slice(b"' not found:");
            m.extend_from_slice(crate::os::cstr_prefix(&msg));
            return Err(ctx.error_bytes_at(&m));
        }
        let r = ctx.call(s, &[name])?;
        let f = r.first().copied().unwrap_or(Value::NIL);
        let data = r.get(1).copied().unwrap_or(Value::NIL);
        if f.is_function() {
            ctx.push(f);
            ctx.push(data);
            return Ok(());
        } else if f.as_str().is_some() || f.is_number() {
            msg.extend_from_slice(b"\n\t");
            if let Some(s) = ctx.to_string_value(f) {
                msg.extend_from_slice(s.as_bytes());
            }
        }
        i += 1;
    }
}

/// `require(modname)`: returns the module value and the loader data.
fn ll_require(ctx: &mut Ctx) -> Result<usize, LuaError> {
    ctx.check_str(1)?;
    let name = ctx.arg(1);
    let loaded = Value::table(auxlib::loaded_table(ctx));
    let v = ctx.index(loaded, name)?;
    if v.truthy() {
        return ctx.ret1(v);
    }
    findloader(ctx, name)?;
    let top = ctx.top();
    // stack: ... searchers, loader, data
    let data = ctx.arg(top);
    let loader = ctx.arg(top - 1);
    let r = ctx.call(loader, &[name, data])?;
    let res = r.first().copied().unwrap_or(Value::NIL);
    if !res.is_nil() {
        ctx.set_index(loaded, name, res)?;
    }
    let mut m = ctx.index(loaded, name)?;
    if m.is_nil() {
        m = Value::TRUE;
        ctx.set_index(loaded, name, m)?;
    }
    let data = ctx.arg(top);
    ctx.push(m);
    ctx.push(data);
    Ok(2)
}

/// `package.searchpath(name, path [, sep [, rep]])`.
fn ll_searchpath(ctx: &mut Ctx) -> Result<usize, LuaError> {
    // gcc evaluates loadlib.c's call arguments right to left: check 4, 3, 2, 1
    let rep = match ctx.opt_str(4)? {
        Some(s) => s.as_bytes().to_vec(),
        None => b"/".to_vec(),
    };
    let sep = match ctx.opt_str(3)? {
        Some(s) => s.as_bytes().to_vec(),
        None => b".".to_vec(),
    };
    let path = ctx.check_bytes(2)?;
    let name = ctx.check_bytes(1)?;
    match searchpath(&name, &path, &sep, &rep) {
        Ok(f) => {
            let s = ctx.new_string(&f);
            ctx.ret1(s)
        }
        Err(m) => {
            ctx.push(Value::NIL);
            let s = ctx.new_string(&m);
            ctx.push(s);
            Ok(2)
        }
    }
}

/// `package.loadlib(path, funcname)`: no dynamic libraries in aqua.
fn ll_loadlib(ctx: &mut Ctx) -> Result<usize, LuaError> {
    ctx.check_str(1)?;
    ctx.check_str(2)?;
    ctx.push(Value::NIL);
    let m = ctx.new_string(DLMSG.as_bytes());
    ctx.push(m);
    let w = ctx.new_string(b"absent");
    ctx.push(w);
    Ok(3)
}

/// `setpath`: `package[field]` from the environment or the default.
fn set_path(
    st: &mut State,
    pkg: aqua_vm::GcRef<aqua_vm::Table>,
    field: &str,
    env: &str,
    dft: &str,
) {
    let reg = st.registry();
    let noenv = st.raw_get_str(reg, "LUA_NOENV").truthy();
    let var = std::env::var_os(format!("{env}_5_4")).or_else(|| std::env::var_os(env));
    let path: Vec<u8> = match var {
        Some(p) if !noenv => {
            use std::os::unix::ffi::OsStringExt;
            let p = p.into_vec();
            match p.windows(2).position(|w| w == b";;") {
                None => p,
                Some(mark) => {
                    let mut b = Vec::new();
                    if mark > 0 {
                        b.extend_from_slice(&p[..mark]);
                        b.push(b';');
                    }
                    b.extend_from_slice(dft.as_bytes());
                    if mark + 2 < p.len() {
                        b.push(b';');
                        b.extend_from_slice(&p[mark + 2..]);
                    }
                    b
                }
            }
        }
        _ => dft.as_bytes().to_vec(),
    };
    let v = st.new_string(&path);
    st.raw_set_str(pkg, field, v);
}

const PK_FUNCS: &[(&str, NativeFn)] = &[("loadlib", ll_loadlib), ("searchpath", ll_searchpath)];

/// Open the `package` library and the global `require`.
pub fn open(st: &mut State) {
    let pkg = auxlib::new_lib(st, "package", PK_FUNCS);
    let pv = Value::table(pkg);
    let searchers = st.new_table_sized(4, 0);
    let fs: [NativeFn; 4] = [searcher_preload, searcher_lua, searcher_c, searcher_croot];
    for (i, f) in fs.into_iter().enumerate() {
        let c = st.new_native_closure(f, vec![pv]);
        st.raw_set_int(searchers, i as i64 + 1, c);
    }
    st.raw_set_str(pkg, "searchers", Value::table(searchers));
    set_path(st, pkg, "path", "LUA_PATH", PATH_DEFAULT);
    set_path(st, pkg, "cpath", "LUA_CPATH", CPATH_DEFAULT);
    let config = st.new_string(b"/\n;\n?\n!\n-\n");
    st.raw_set_str(pkg, "config", config);
    let loaded = auxlib::loaded_table(st);
    st.raw_set_str(pkg, "loaded", Value::table(loaded));
    let reg = st.registry();
    let pre = match st.raw_get_str(reg, PRELOAD).as_table() {
        Some(t) => t,
        None => {
            let t = st.new_table();
            st.raw_set_str(reg, PRELOAD, Value::table(t));
            t
        }
    };
    st.raw_set_str(pkg, "preload", Value::table(pre));
    let req = st.new_native_closure(ll_require, vec![pv]);
    st.set_global("require", req);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gsub_replaces_every_occurrence() {
        assert_eq!(gsub(b"a.b.c", b".", b"/"), b"a/b/c");
        assert_eq!(gsub(b"a..b", b"..", b"+"), b"a+b");
        assert_eq!(gsub(b"abc", b"", b"x"), b"abc");
    }

    #[test]
    fn searchpath_lists_every_candidate() {
        let r = searchpath(b"a.b", b"/nonexistent/?.lua;;x/?", b".", b"/");
        assert_eq!(
            r,
            Err(b"no file '/nonexistent/a/b.lua'\n\tno file ''\n\tno file 'x/a/b'".to_vec())
        );
        // an empty separator leaves the name alone
        assert_eq!(
            searchpath(b"a.b", b"/nonexistent/?", b"", b"/"),
            Err(b"no file '/nonexistent/a.b'".to_vec())
        );
    }
}
