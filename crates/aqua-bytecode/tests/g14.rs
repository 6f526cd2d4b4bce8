//! `listing::fmt_g14` (C `%.14g`) against lua5.4's `string.format("%.14g")` on tricky and
//! pseudo-random doubles.

use aqua_bytecode::listing::{fmt_g, fmt_g14};
use std::fmt::Write;
use std::process::Command;

#[test]
fn g14_matches_lua() {
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
        1e300,
        1e-300,
        5e-324,
        f64::MAX,
        f64::MIN_POSITIVE,
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
        s ^= s << 13;
        s ^= s >> 7;
        s ^= s << 17;
        let x = f64::from_bits(s);
        if x.is_finite() {
            xs.push(x);
        }
        // also "nice" decimal-ish values
        xs.push((s % 1_000_000_007) as f64 / 1000.0);
        xs.push((s >> 11) as f64 * 1e-3);
    }
    let mut script = String::new();
    for x in &xs {
        let b = x.to_le_bytes();
        let mut lit = String::new();
        for byte in b {
            let _ = write!(lit, "\\x{byte:02x}");
        }
        let _ = writeln!(
            script,
            "print(string.format('%.14g', (string.unpack('<d', \"{lit}\"))))"
        );
    }
    let Ok(out) = Command::new("lua5.4").arg("-e").arg(&script).output() else {
        eprintln!("lua5.4 not found: skipped");
        return;
    };
    let text = String::from_utf8_lossy(&out.stdout);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), xs.len());
    for (x, want) in xs.iter().zip(lines) {
        assert_eq!(fmt_g14(*x), want, "bits {:#x}", x.to_bits());
    }
    // other precisions (string.format's %g family)
    for prec in [0usize, 1, 3, 6, 17] {
        let mut script = String::new();
        for x in xs.iter().take(2000) {
            let _ = writeln!(
                script,
                "print(string.format('%.{prec}g', (string.unpack('<d', {:?}))))",
                lua_bytes(*x)
            );
        }
        let out = Command::new("lua5.4")
            .arg("-e")
            .arg(&script)
            .output()
            .expect("lua5.4");
        let text = String::from_utf8_lossy(&out.stdout);
        assert_eq!(
            text.lines().count(),
            xs.len().min(2000),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        for (x, want) in xs.iter().zip(text.lines()) {
            assert_eq!(
                fmt_g(*x, prec),
                want,
                "%.{prec}g of bits {:#x}",
                x.to_bits()
            );
        }
    }
}

/// A Lua string literal body holding the 8 little-endian bytes of `x`.
fn lua_bytes(x: f64) -> LuaLit {
    LuaLit(x.to_le_bytes())
}

struct LuaLit([u8; 8]);
impl std::fmt::Debug for LuaLit {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("\"")?;
        for b in self.0 {
            write!(f, "\\x{b:02x}")?;
        }
        f.write_str("\"")
    }
}
