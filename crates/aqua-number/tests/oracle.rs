//! The conversions against the oracle, `lua5.4`, on tricky and pseudo-random inputs:
//! `%.14g` and `tostring` of doubles, `%.<p>g` at other precisions, and `tonumber` of long
//! decimal and hexadecimal numerals (compared bit for bit). Skipped when `lua5.4` is not
//! installed. Scripts go to lua5.4 through stdin (`lua5.4 -`): a `-e` argument this large would
//! exceed the OS's per-argument limit.

use aqua_number::{fmt_float, fmt_g, fmt_g14, str2number, Number};
use std::fmt::Write as _;
use std::io::Write as _;
use std::process::{Command, Stdio};

/// Runs `script` with lua5.4 and returns its stdout lines; `None` when lua5.4 is missing.
fn run_lua(script: &str) -> Option<Vec<String>> {
    let mut child = match Command::new("lua5.4")
        .arg("-")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
    {
        Ok(c) => c,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            assert!(
                std::env::var_os("AQUA_REQUIRE_ORACLE").is_none(),
                "lua5.4 not found, and AQUA_REQUIRE_ORACLE is set: this test must run"
            );
            eprintln!("lua5.4 not found: skipped");
            return None;
        }
        Err(e) => panic!("cannot run lua5.4: {e}"),
    };
    let mut stdin = child.stdin.take().expect("piped stdin");
    let body = script.to_owned();
    let writer = std::thread::spawn(move || stdin.write_all(body.as_bytes()));
    let out = child.wait_with_output().expect("lua5.4 output");
    writer.join().expect("writer thread").expect("write script");
    assert!(
        out.status.success(),
        "lua5.4 failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    Some(
        String::from_utf8_lossy(&out.stdout)
            .lines()
            .map(str::to_owned)
            .collect(),
    )
}

/// xorshift64 state step.
fn next(s: &mut u64) -> u64 {
    *s ^= *s << 13;
    *s ^= *s >> 7;
    *s ^= *s << 17;
    *s
}

/// A Lua expression for the double with exactly the bits of `x`.
fn lua_double(x: f64) -> String {
    format!(
        "(string.unpack('<d', string.pack('<i8', {})))",
        x.to_bits() as i64
    )
}

/// Runs `code` under lua5.4 once for each of `xs`, with the local `x` bound to that double.
fn run_for_each(xs: &[f64], code: &str) -> Option<Vec<String>> {
    let mut script = String::new();
    for x in xs {
        let _ = writeln!(script, "do local x = {} {code} end", lua_double(*x));
    }
    run_lua(&script)
}

fn doubles() -> Vec<f64> {
    let mut xs: Vec<f64> = vec![
        0.0,
        -0.0,
        1.0,
        -1.0,
        0.1,
        0.5,
        1.5,
        2.5,
        1e14,
        1e15,
        99999999999999.5,
        999999999999995.0,
        1e-4,
        1e-5,
        0.00012345678901234567,
        123456.789,
        1e100,
        1e300,
        1e-300,
        5e-324,
        f64::MAX,
        f64::MIN_POSITIVE,
        f64::INFINITY,
        f64::NEG_INFINITY,
        f64::NAN,
        -f64::NAN,
        3.25159265358979,
        2.0f64.powi(53),
        2.0f64.powi(63),
        1.0 / 3.0,
        0.125,
        1e21,
        1e22,
        123456789012345678.0,
        0.30000000000000004,
    ];
    let mut s: u64 = 0x1234_5678_9abc_def1;
    for _ in 0..3000 {
        let x = f64::from_bits(next(&mut s));
        if !x.is_nan() {
            xs.push(x);
        }
        // also "nice" decimal-ish values
        xs.push((s % 1_000_000_007) as f64 / 1000.0);
        xs.push((s >> 11) as f64 * 1e-3);
    }
    xs
}

#[test]
fn g14_and_tostring_match_lua() {
    let xs = doubles();
    let Some(lines) = run_for_each(&xs, "print(string.format('%.14g', x)) print(tostring(x))")
    else {
        return;
    };
    assert_eq!(lines.len(), 2 * xs.len());
    for (x, want) in xs.iter().zip(lines.chunks(2)) {
        assert_eq!(fmt_g14(*x), want[0], "%.14g of bits {:#x}", x.to_bits());
        assert_eq!(
            fmt_float(*x),
            want[1],
            "tostring of bits {:#x}",
            x.to_bits()
        );
    }
}

#[test]
fn other_precisions_match_lua() {
    let xs = doubles();
    for prec in [0usize, 1, 3, 6, 17] {
        let code = format!("print(string.format('%.{prec}g', x))");
        let Some(lines) = run_for_each(&xs[..xs.len().min(2000)], &code) else {
            return;
        };
        assert_eq!(lines.len(), xs.len().min(2000));
        for (x, want) in xs.iter().zip(&lines) {
            assert_eq!(
                &fmt_g(*x, prec),
                want,
                "%.{prec}g of bits {:#x}",
                x.to_bits()
            );
        }
    }
}

/// `tonumber` of long numerals: result type and bits must be lua5.4's.
#[test]
fn str2number_matches_lua() {
    const HEX: &[u8] = b"0123456789abcdefABCDEF";
    let mut s: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut inputs: Vec<String> = Vec::new();
    for i in 0..3000u64 {
        let mut t = String::new();
        let r = next(&mut s);
        if r & 1 == 0 {
            t.push('-');
        }
        let hex = i % 2 == 0;
        if hex {
            t.push_str(if r & 2 == 0 { "0x" } else { "0X" });
        }
        let nint = (next(&mut s) % 24) as usize;
        let nfrac = (next(&mut s) % 24) as usize;
        // mostly 'f'/'0'/'8' runs make halfway and carry cases common
        let digit = |s: &mut u64| -> char {
            let r = next(s);
            match r % 4 {
                0 => 'f',
                1 => '0',
                2 => '8',
                _ => HEX[(r >> 8) as usize % if hex { HEX.len() } else { 10 }] as char,
            }
        };
        for _ in 0..nint {
            let c = digit(&mut s);
            t.push(if hex || c.is_ascii_digit() { c } else { '9' });
        }
        if nfrac > 0 || nint == 0 {
            t.push('.');
            for _ in 0..nfrac.max(1) {
                let c = digit(&mut s);
                t.push(if hex || c.is_ascii_digit() { c } else { '9' });
            }
        }
        let e = next(&mut s) % 700;
        let sign = if next(&mut s) & 1 == 0 { "-" } else { "" };
        match next(&mut s) % 3 {
            0 => {}
            _ if hex => {
                let _ = write!(t, "p{sign}{}", e * 2);
            }
            _ => {
                let _ = write!(t, "e{sign}{}", e / 2);
            }
        }
        inputs.push(t);
    }
    let mut script = String::new();
    for t in &inputs {
        let _ = writeln!(
            script,
            "do local v = tonumber('{t}') if v == nil then print('nil') \
             elseif math.type(v) == 'integer' then print('int', v) \
             else print('float', string.format('%016x', string.unpack('<i8', string.pack('<d', v)))) end end"
        );
    }
    let Some(lines) = run_lua(&script) else {
        return;
    };
    assert_eq!(lines.len(), inputs.len());
    for (t, want) in inputs.iter().zip(&lines) {
        let got = match str2number(t.as_bytes()) {
            None => "nil".to_string(),
            Some(Number::Int(i)) => format!("int\t{i}"),
            Some(Number::Float(x)) => format!("float\t{:016x}", x.to_bits()),
        };
        assert_eq!(&got, want, "tonumber({t:?})");
    }
}
