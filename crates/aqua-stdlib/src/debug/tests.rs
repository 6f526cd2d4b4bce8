//! Robustness tests of the `debug` library: argument shapes that lua5.4 rejects or survives,
//! and `debug.setlocal` writing arbitrary values into the hidden slots of running loops and
//! to-be-closed variables (lua5.4 itself segfaults on the second script; Aqua must neither
//! crash nor panic, whatever the values).

use crate::new_state;

/// Run `src` as a chunk and return its first result as a string.
fn run(src: &str) -> String {
    let mut st = new_state();
    let f = st.load(src.as_bytes(), b"=test").expect("compiles");
    let r = st.call(f, &[]).expect("runs");
    r.first()
        .and_then(|v| st.to_str_bytes(*v))
        .map(|b| String::from_utf8_lossy(&b).into_owned())
        .unwrap_or_default()
}

#[test]
fn every_function_with_many_argument_shapes() {
    let out = run(ARGS_FUZZ);
    assert_eq!(out, "done true true");
}

#[test]
fn setlocal_into_loop_state_and_tbc_slots_is_safe() {
    let seeds = if cfg!(feature = "gc-stress") {
        200
    } else {
        3000
    };
    let src = SETLOCAL_FUZZ.replace("SEEDS", &seeds.to_string());
    assert_eq!(run(&src), format!("survived {seeds}"));
}

const ARGS_FUZZ: &str = r#"
local vals = {nil, true, 0, 1, 2, 3, -1, -2, 100, 2^31, -2^31, 2^53, 1.5, "1", "x", "", {}, print,
  function() end, coroutine.create(function() end), io.stdout, math.huge, -math.huge}
local NV = 23
local fns = {"getinfo", "getlocal", "getupvalue", "upvalueid", "traceback", "getmetatable",
  "getuservalue", "setupvalue", "upvaluejoin", "setuservalue", "setlocal"}
local ok, bad = 0, 0
local function try(f, ...)
  local r = pcall(f, ...)
  if r then ok = ok + 1 else bad = bad + 1 end
end
local sink = setmetatable({}, {__mode = "k"})
local function victim(a, b, ...)
  local x, y = a, b
  for i = 1, 2 do
    for name in pairs({k = 1}) do
      local co = coroutine.create(function(p, ...) local q = p; coroutine.yield(q) end)
      coroutine.resume(co, 1, 2, 3)
      for _, fname in ipairs(fns) do
        local f = debug[fname]
        for i1 = 1, NV do
          local v1 = vals[i1]
          try(f, v1)
          for i2 = 1, NV, 2 do
            local v2 = vals[i2]
            if fname ~= "setlocal" and fname ~= "setupvalue" and fname ~= "upvaluejoin" then
              try(f, v1, v2)
              try(f, co, v1, v2)
              try(f, v1, v2, "Slnutfr")
            else
              -- writes only into the coroutine and fresh closures
              try(f, co, v1, v2, {})
              local up = 1
              local cl = function() return up, victim end
              try(f, cl, v1, v2)
              try(f, cl, 1, cl, v2)
            end
          end
        end
      end
      sink[co] = true
    end
  end
  return x, y
end
victim(1, 2, 3, 4)
return "done " .. tostring(ok > 0) .. " " .. tostring(bad > 0)
"#;

const SETLOCAL_FUZZ: &str = r#"
local vals = {nil, true, 0, 1, -1, 2^53, 1.5, "1", "x", {}, type, function() end,
  coroutine.create(function() end), io.stdout, math.huge, 0/0}
local NV = 16
local steps = 0
local function sac(seed)
  local a, b, c = seed, "s", {}
  for i = 1, 3 do
    for j = 1.0, 2.5, 0.5 do
      for k, v in ipairs({1, 2}) do
        steps = steps + 1
        if steps % 1000 == 0 then error("cap") end
        local n = (seed * 7 + i * 3 + k) % 20 - 3
        local v2 = vals[(seed + i + k) % NV + 1]
        debug.setlocal(1, n, v2)
        local t = setmetatable({}, {__close = function() end})
        do local cl <close> = t; debug.setlocal(1, (seed + k) % 25, v2) end
      end
    end
  end
  return a, b, c
end
local okc, errc = 0, 0
for seed = 1, SEEDS do
  steps = 0
  local ok = pcall(sac, seed)
  if ok then okc = okc + 1 else errc = errc + 1 end
end
return "survived " .. (okc + errc)
"#;

/// Userdata made by the host (not the io library) carry one user value, as
/// `lua_newuserdatauv(L, size, 1)`.
#[test]
fn host_userdata_have_one_user_value() {
    let mut st = new_state();
    let u = st.new_userdata(Box::new(7u32));
    st.set_global("u", aqua_vm::Value::userdata(u));
    let f = st
        .load(
            b"local a, b = debug.getuservalue(u)\n\
              local s = debug.setuservalue(u, 'uv')\n\
              local c, d = debug.getuservalue(u, 1)\n\
              local e = debug.setuservalue(u, 1, 2)\n\
              local g = select('#', debug.getuservalue(u, 2))\n\
              return tostring(a) .. ' ' .. tostring(b) .. ' ' .. tostring(s == u) .. ' ' ..\n\
                tostring(c) .. ' ' .. tostring(d) .. ' ' .. tostring(e) .. ' ' .. g",
            b"=test",
        )
        .expect("compiles");
    let r = st.call(f, &[]).expect("runs");
    let out = r
        .first()
        .and_then(|v| st.to_str_bytes(*v))
        .unwrap_or_default();
    assert_eq!(out, b"nil true true uv true nil 1");
}
