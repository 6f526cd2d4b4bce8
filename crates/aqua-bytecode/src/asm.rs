//! A tiny assembler: text in `luac -l` operand syntax → [`Instruction`]s.
//!
//! Role: lets tests (VM opcode tests, verifier tests) write bytecode by hand without the compiler,
//! and round-trips with the listing: a line of `luac5.4 -l` output can be pasted as is. Each line
//! is `OPNAME operands...`, optionally preceded by luac's `pc [line]` columns and followed by a
//! `; comment`; empty lines and lines starting with `--` or `#` are ignored. Operands are written
//! exactly as luac.c's `PrintCode` prints them, e.g.
//! ```text
//! GETTABUP 0 0 1      ; _ENV "print"
//! SETFIELD 2 5 6k     ; the trailing k on C sets the k bit (RK(C) is a constant)
//! MMBINI   0 1 7 0    ; A sB C k
//! EQI      0 3 1      ; A sB k
//! JMP      -5         ; sJ
//! FORLOOP  3 4        ; A Bx
//! RETURN0
//! ```
//! What the listing does not show is reconstructed the way lcode.c sets it: `NEWTABLE`'s k is set
//! when the following `EXTRAARG` is non-zero, `SETLIST`'s k when an `EXTRAARG` follows it (both may
//! also be given explicitly as `Ck`). `RETURN0` is `A=0 B=1` and `RETURN1` has `B=2` (lcode.c's
//! `nret + 1`). The comparisons (`EQ LT LE EQK EQI LTI LEI GTI GEI`) accept an optional extra
//! operand, their unprinted C (lcode.c's `isfloat`: the constant operand was an integral float),
//! default 0.
//!
//! The operand columns of each opcode come from the opcode table ([`OpCode::operands`]).
//! Errors (unknown opcode, wrong operand count, operand out of range) name the 1-based line.

use crate::isa::{Instruction, OpCode, Operand};

/// Assemble `text` (see the module docs). Never panics.
pub fn assemble(text: &str) -> Result<Vec<Instruction>, String> {
    let mut code = Vec::new();
    for (n, raw) in text.lines().enumerate() {
        let line = match raw.find(';') {
            Some(i) => &raw[..i],
            None => raw,
        };
        let mut toks: Vec<&str> = line.split_whitespace().collect();
        if toks.is_empty() || toks[0].starts_with("--") || toks[0].starts_with('#') {
            continue;
        }
        // optional luac columns: "12" "[3]" or "[-]"
        if toks.len() >= 2
            && toks[0].bytes().all(|b| b.is_ascii_digit())
            && toks[1].starts_with('[')
        {
            toks.drain(..2);
        }
        let Some((&name, ops)) = toks.split_first() else {
            continue;
        };
        let i = assemble_one(name, ops).map_err(|e| format!("line {}: {}", n + 1, e))?;
        code.push(i);
    }
    // Reconstruct k bits the listing does not show.
    for pc in 0..code.len() {
        let next = code.get(pc + 1).copied();
        let next_extra = next.filter(|n| n.try_opcode() == Some(OpCode::ExtraArg));
        let i = &mut code[pc];
        match i.try_opcode() {
            Some(OpCode::NewTable) if next_extra.is_some_and(|e| e.ax() > 0) => i.set_k(true),
            Some(OpCode::SetList) if next_extra.is_some() => i.set_k(true),
            _ => {}
        }
    }
    Ok(code)
}

fn assemble_one(name: &str, toks: &[&str]) -> Result<Instruction, String> {
    use OpCode::*;
    let op = OpCode::from_name(name).ok_or_else(|| format!("unknown opcode '{name}'"))?;
    let cols = op.operands();
    // Comparisons may carry their (unprinted) C, lcode.c's "isfloat" flag, as an extra operand.
    let imm_cmp = matches!(op, Eq | Lt | Le | EqK | EqI | LtI | LeI | GtI | GeI);
    if toks.len() != cols.len() && !(imm_cmp && toks.len() == cols.len() + 1) {
        return Err(format!(
            "{} takes {} operand{} ({}), got {}",
            op.name(),
            cols.len(),
            if cols.len() == 1 { "" } else { "s" },
            cols.iter()
                .map(|c| format!("{c:?}"))
                .collect::<Vec<_>>()
                .join(" "),
            toks.len()
        ));
    }
    // Fields the listing never shows, as the code generator sets them.
    let mut i = match op {
        Return0 => Instruction::abc(op, 0, 1, 0, false),
        Return1 => Instruction::abc(op, 0, 2, 0, false),
        _ => Instruction::abc(op, 0, 0, 0, false),
    };
    for (col, tok) in cols.iter().zip(toks) {
        let (digits, k) = match tok.strip_suffix('k') {
            Some(d) if *col == Operand::Ck => (d, true),
            _ => (*tok, false),
        };
        let v: i64 = digits
            .parse()
            .map_err(|_| format!("bad {col:?} operand '{tok}'"))?;
        let (lo, hi) = col.range();
        if v < lo || v > hi {
            return Err(format!("{col:?} operand {v} out of range ({lo}..={hi})"));
        }
        col.set(&mut i, v);
        if k {
            i.set_k(true);
        }
    }
    if let Some(tok) = toks.get(cols.len()) {
        match *tok {
            "0" => {}
            "1" => i.set_c(1),
            _ => return Err(format!("bad isfloat operand '{tok}' (0 or 1)")),
        }
    }
    Ok(i)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn basics() {
        let code = assemble(
            "-- comment\n\
             \t1\t[1]\tVARARGPREP\t0\n\
             LOADI 0 -5 ; x\n\
             SETFIELD 2 5 6k\t; \"x\" 4\n\
             MMBINI 4 1 7 0\n\
             EQI 0 -3 1\n\
             JMP -2\n\
             NEWTABLE 0 0 4\n\
             EXTRAARG 1\n\
             RETURN0\n",
        )
        .unwrap();
        assert_eq!(code.len(), 9);
        assert_eq!(
            code[0],
            Instruction::abc(OpCode::VarArgPrep, 0, 0, 0, false)
        );
        assert_eq!(code[1], Instruction::asbx(OpCode::LoadI, 0, -5));
        assert_eq!(code[2], Instruction::abc(OpCode::SetField, 2, 5, 6, true));
        assert_eq!(code[3].sb(), 1);
        assert_eq!((code[4].sb(), code[4].k()), (-3, true));
        assert_eq!(code[5].sj(), -2);
        assert!(code[6].k());
        assert_eq!(code[8].opcode(), OpCode::Return0);
    }

    #[test]
    fn errors() {
        assert!(assemble("FOO 1").unwrap_err().contains("unknown opcode"));
        assert!(assemble("MOVE 1").unwrap_err().contains("takes 2 operands"));
        assert!(assemble("\nMOVE 1 256").unwrap_err().starts_with("line 2:"));
        assert!(assemble("LOADI 0 99999999").is_err());
        assert!(assemble("TEST 0 2").is_err());
        assert_eq!(assemble("EQI 0 3 1 1").unwrap()[0].c(), 1);
        assert!(assemble("MOVE 1k 2").is_err());
    }
}
