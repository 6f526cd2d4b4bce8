//! Expression lowering: lparser.c's `expr`/`subexpr`/`suffixedexp`/`constructor`/`funcargs` and
//! lcode.c's `luaK_prefix`/`luaK_infix`/`luaK_posfix` with constant folding.
//!
//! Long left-associative operator chains (`a + b + c + ...`) and suffix chains (`a.b.c(...)...`)
//! are walked iteratively; only right operands recurse, which the parser bounds.

use super::{fits_c, flt_to_int, Builder, CResult, ExpDesc, KVal, VarKind, EK, NO_JUMP};
use crate::ir::{Inst, Opnd, UpvalInfo};
use aqua_bytecode::{ConstIdx, OpCode, ProtoIdx};
use aqua_syntax::ast::{
    ArgsStyle, BinOp, CallArgs, Expr, ExprKind, Field, IndexStyle, TableCons, UnOp,
};

const LFIELDS_PER_FLUSH: i32 = 50;

/// A numeric value for constant folding.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum Num {
    /// An integer.
    I(i64),
    /// A float.
    F(f64),
}

fn tonumeral(e: &ExpDesc) -> Option<Num> {
    if e.has_jumps() {
        return None;
    }
    match e.k {
        EK::KInt(i) => Some(Num::I(i)),
        EK::KFlt(f) => Some(Num::F(f)),
        _ => None,
    }
}

fn tointeger(n: Num) -> Option<i64> {
    match n {
        Num::I(i) => Some(i),
        Num::F(f) => flt_to_int(f),
    }
}

fn tofloat(n: Num) -> f64 {
    match n {
        Num::I(i) => i as f64,
        Num::F(f) => f,
    }
}

fn shiftl(x: i64, y: i64) -> i64 {
    if y < 0 {
        if y <= -64 {
            0
        } else {
            ((x as u64) >> ((-y) as u32)) as i64
        }
    } else if y >= 64 {
        0
    } else {
        ((x as u64) << (y as u32)) as i64
    }
}

/// Arithmetic operator index as lua.h's LUA_OP* (ADD..SHR, then UNM=12, BNOT=13).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum ArOp {
    Add,
    Sub,
    Mul,
    Mod,
    Pow,
    Div,
    IDiv,
    BAnd,
    BOr,
    BXor,
    Shl,
    Shr,
    Unm,
    BNot,
}

fn intarith(op: ArOp, a: i64, b: i64) -> i64 {
    match op {
        ArOp::Add => a.wrapping_add(b),
        ArOp::Sub => a.wrapping_sub(b),
        ArOp::Mul => a.wrapping_mul(b),
        ArOp::Mod => {
            if b == -1 {
                0
            } else {
                let m = a % b;
                if m != 0 && (m ^ b) < 0 {
                    m + b
                } else {
                    m
                }
            }
        }
        ArOp::IDiv => {
            if b == -1 {
                a.wrapping_neg()
            } else {
                let q = a / b;
                if (a % b != 0) && ((a ^ b) < 0) {
                    q - 1
                } else {
                    q
                }
            }
        }
        ArOp::BAnd => a & b,
        ArOp::BOr => a | b,
        ArOp::BXor => a ^ b,
        ArOp::Shl => shiftl(a, b),
        ArOp::Shr => shiftl(a, b.wrapping_neg()),
        ArOp::Unm => 0i64.wrapping_sub(a),
        ArOp::BNot => !a,
        ArOp::Pow | ArOp::Div => 0,
    }
}

fn numarith(op: ArOp, a: f64, b: f64) -> f64 {
    match op {
        ArOp::Add => a + b,
        ArOp::Sub => a - b,
        ArOp::Mul => a * b,
        ArOp::Div => a / b,
        ArOp::Pow => {
            if b == 2.0 {
                a * a
            } else {
                a.powf(b)
            }
        }
        ArOp::IDiv => (a / b).floor(),
        ArOp::Unm => -a,
        ArOp::Mod => {
            let m = a % b;
            if (m > 0.0 && b < 0.0) || (m < 0.0 && b != m && b > 0.0) {
                m + b
            } else {
                m
            }
        }
        _ => 0.0,
    }
}

/// `constfolding`: folds `e1 op e2` into `e1` when valid.
fn constfolding(op: ArOp, e1: &mut ExpDesc, e2: &ExpDesc) -> bool {
    let (Some(v1), Some(v2)) = (tonumeral(e1), tonumeral(e2)) else {
        return false;
    };
    match fold_numbers(op, v1, v2) {
        Some(Num::I(i)) => e1.k = EK::KInt(i),
        Some(Num::F(f)) => e1.k = EK::KFlt(f),
        None => return false,
    }
    true
}

/// lcode.c's folding of `v1 op v2` (unary operators take `v2 = 0`): `None` when lua5.4 does
/// not fold (`validop` refuses: bitwise operands without an integer value, division or modulo
/// by zero; or the result is NaN or a float zero). When it folds, the result is exactly what
/// the VM computes, and the operation can neither raise an error nor call a metamethod.
pub(crate) fn fold_numbers(op: ArOp, v1: Num, v2: Num) -> Option<Num> {
    // validop
    let valid = match op {
        ArOp::BAnd | ArOp::BOr | ArOp::BXor | ArOp::Shl | ArOp::Shr | ArOp::BNot => {
            tointeger(v1).is_some() && tointeger(v2).is_some()
        }
        ArOp::Div | ArOp::IDiv | ArOp::Mod => tofloat(v2) != 0.0,
        _ => true,
    };
    if !valid {
        return None;
    }
    let res = match op {
        ArOp::BAnd | ArOp::BOr | ArOp::BXor | ArOp::Shl | ArOp::Shr | ArOp::BNot => Num::I(
            intarith(op, tointeger(v1).unwrap_or(0), tointeger(v2).unwrap_or(0)),
        ),
        ArOp::Div | ArOp::Pow => Num::F(numarith(op, tofloat(v1), tofloat(v2))),
        _ => match (v1, v2) {
            (Num::I(a), Num::I(b)) => Num::I(intarith(op, a, b)),
            _ => Num::F(numarith(op, tofloat(v1), tofloat(v2))),
        },
    };
    match res {
        Num::F(f) if f.is_nan() || f == 0.0 => None,
        r => Some(r),
    }
}

fn binop_arith(op: BinOp) -> Option<ArOp> {
    Some(match op {
        BinOp::Add => ArOp::Add,
        BinOp::Sub => ArOp::Sub,
        BinOp::Mul => ArOp::Mul,
        BinOp::Mod => ArOp::Mod,
        BinOp::Pow => ArOp::Pow,
        BinOp::Div => ArOp::Div,
        BinOp::IDiv => ArOp::IDiv,
        BinOp::BAnd => ArOp::BAnd,
        BinOp::BOr => ArOp::BOr,
        BinOp::BXor => ArOp::BXor,
        BinOp::Shl => ArOp::Shl,
        BinOp::Shr => ArOp::Shr,
        _ => return None,
    })
}

/// Index of an arithmetic operator in the ADD..SHR order.
fn ar_index(op: ArOp) -> u8 {
    op as u8
}

fn op_from(base: OpCode, idx: u8) -> OpCode {
    OpCode::from_u8(base as u8 + idx).unwrap_or(OpCode::Add)
}

const TM_ADD: i32 = 6;
const TM_SHL: i32 = 16;
const TM_SHR: i32 = 17;

impl Builder<'_> {
    /// `expr`.
    pub(crate) fn expr(&mut self, e: &Expr) -> CResult<ExpDesc> {
        match &e.kind {
            ExprKind::Nil => Ok(ExpDesc::new(EK::Nil)),
            ExprKind::True => Ok(ExpDesc::new(EK::True)),
            ExprKind::False => Ok(ExpDesc::new(EK::False)),
            ExprKind::Int(i) => Ok(ExpDesc::new(EK::KInt(*i))),
            ExprKind::Float(f) => Ok(ExpDesc::new(EK::KFlt(*f))),
            ExprKind::Str(s) => Ok(ExpDesc::new(EK::KStr(s.clone()))),
            ExprKind::Vararg => {
                if !self.fsr().is_vararg {
                    self.pos = e.span.start;
                    return Err(self.syntax_error("cannot use '...' outside a vararg function"));
                }
                // Emitted before `...` is consumed: the line of the previous token.
                let l = crate::near::prev_token_line(self.source, self.lines, e.span.start);
                self.set_line(l);
                let mut i = Inst::new(OpCode::VarArg, 0);
                i.wout = Vec::new();
                let pc = self.code(i);
                Ok(ExpDesc::new(EK::Vararg(pc)))
            }
            ExprKind::Table(tc) => {
                let l = crate::near::prev_token_line(self.source, self.lines, e.span.start);
                self.constructor(tc, l)
            }
            ExprKind::Function(fb) => {
                let line = fb.line;
                self.body(fb, line)
            }
            ExprKind::Binary { .. } => self.binary_chain(e),
            ExprKind::Unary { op, operand } => {
                let mut v = self.expr(operand)?;
                self.set_pos(operand.span.end);
                self.prefix(*op, &mut v, e.span.line)?;
                Ok(v)
            }
            ExprKind::Paren(_)
            | ExprKind::Name(_)
            | ExprKind::Index { .. }
            | ExprKind::Call { .. }
            | ExprKind::MethodCall { .. } => self.suffixedexp(e),
        }
    }

    fn binary_chain(&mut self, e: &Expr) -> CResult<ExpDesc> {
        let mut spine = Vec::new();
        let mut cur = e;
        while let ExprKind::Binary {
            op,
            op_line,
            lhs,
            rhs,
        } = &cur.kind
        {
            spine.push((*op, *op_line, &**rhs));
            cur = lhs;
        }
        let mut v = self.expr(cur)?;
        for (op, op_line, rhs) in spine.into_iter().rev() {
            self.set_line(op_line);
            self.pos = rhs.span.start;
            self.infix(op, &mut v)?;
            let mut v2 = self.expr(rhs)?;
            self.set_pos(rhs.span.end);
            self.posfix(op, &mut v, &mut v2, op_line)?;
        }
        Ok(v)
    }

    /// `luaK_prefix`.
    fn prefix(&mut self, op: UnOp, e: &mut ExpDesc, line: u32) -> CResult<()> {
        let ef = ExpDesc::new(EK::KInt(0));
        self.dischargevars(e)?;
        match op {
            UnOp::Neg => {
                if !constfolding(ArOp::Unm, e, &ef) {
                    self.codeunexpval(OpCode::Unm, e, line)?;
                }
            }
            UnOp::BNot => {
                if !constfolding(ArOp::BNot, e, &ef) {
                    self.codeunexpval(OpCode::BNot, e, line)?;
                }
            }
            UnOp::Len => self.codeunexpval(OpCode::Len, e, line)?,
            UnOp::Not => self.codenot(e)?,
        }
        Ok(())
    }

    fn codeunexpval(&mut self, op: OpCode, e: &mut ExpDesc, line: u32) -> CResult<()> {
        let r = self.exp2anyreg(e)?;
        self.freeexp(e);
        let v = self.rv(r);
        let pc = self.op_abc(op, Opnd::None, Opnd::R(v), Opnd::None, false);
        e.k = EK::Reloc(pc);
        self.fixline(line);
        Ok(())
    }

    /// `luaK_infix`.
    fn infix(&mut self, op: BinOp, v: &mut ExpDesc) -> CResult<()> {
        self.dischargevars(v)?;
        match op {
            BinOp::And => self.goiftrue(v)?,
            BinOp::Or => self.goiffalse(v)?,
            BinOp::Concat => self.exp2nextreg(v)?,
            BinOp::Eq | BinOp::Ne => {
                if tonumeral(v).is_none() {
                    self.exp2rk(v)?;
                }
            }
            BinOp::Lt | BinOp::Le | BinOp::Gt | BinOp::Ge => {
                if Self::is_scnumber(v).is_none() {
                    self.exp2anyreg(v)?;
                }
            }
            _ => {
                if tonumeral(v).is_none() {
                    self.exp2anyreg(v)?;
                }
            }
        }
        Ok(())
    }

    fn finishbinexpval(
        &mut self,
        e1: &mut ExpDesc,
        e2: &ExpDesc,
        op: OpCode,
        v2: Opnd,
        flip: bool,
        line: u32,
        mmop: OpCode,
        event: i32,
    ) -> CResult<()> {
        let r1 = self.exp2anyreg(e1)?;
        let v1 = self.rv(r1);
        let pc = self.op_abc(op, Opnd::None, Opnd::R(v1), v2, false);
        self.freeexps(e1, e2);
        e1.k = EK::Reloc(pc);
        self.fixline(line);
        self.op_abc(mmop, Opnd::R(v1), v2, Opnd::Int(event), flip);
        self.fixline(line);
        Ok(())
    }

    fn codebinexpval(
        &mut self,
        op: ArOp,
        e1: &mut ExpDesc,
        e2: &mut ExpDesc,
        line: u32,
    ) -> CResult<()> {
        let r2 = self.exp2anyreg(e2)?;
        let v2 = Opnd::R(self.rv(r2));
        let idx = ar_index(op);
        self.finishbinexpval(
            e1,
            e2,
            op_from(OpCode::Add, idx),
            v2,
            false,
            line,
            OpCode::MmBin,
            TM_ADD + idx as i32,
        )
    }

    fn codebini(
        &mut self,
        op: OpCode,
        e1: &mut ExpDesc,
        e2: &ExpDesc,
        flip: bool,
        line: u32,
        event: i32,
    ) -> CResult<()> {
        let i = if let EK::KInt(i) = e2.k { i } else { 0 };
        self.finishbinexpval(
            e1,
            e2,
            op,
            Opnd::Int(i as i32),
            flip,
            line,
            OpCode::MmBinI,
            event,
        )
    }

    fn codebink(
        &mut self,
        op: ArOp,
        e1: &mut ExpDesc,
        e2: &ExpDesc,
        flip: bool,
        line: u32,
    ) -> CResult<()> {
        let k = if let EK::K(k) = e2.k { k } else { 0 };
        let idx = ar_index(op);
        self.finishbinexpval(
            e1,
            e2,
            op_from(OpCode::AddK, idx),
            Opnd::K(ConstIdx(k)),
            flip,
            line,
            OpCode::MmBinK,
            TM_ADD + idx as i32,
        )
    }

    fn finishbinexpneg(
        &mut self,
        e1: &mut ExpDesc,
        e2: &ExpDesc,
        op: OpCode,
        line: u32,
        event: i32,
    ) -> CResult<bool> {
        let EK::KInt(i2) = e2.k else {
            return Ok(false);
        };
        if e2.has_jumps() || !(fits_c(i2) && fits_c(i2.wrapping_neg())) {
            return Ok(false);
        }
        self.finishbinexpval(
            e1,
            e2,
            op,
            Opnd::Int(-(i2 as i32)),
            false,
            line,
            OpCode::MmBinI,
            event,
        )?;
        // correct metamethod argument
        if let Some(last) = self.fs().insts.last_mut() {
            last.b = Opnd::Int(i2 as i32);
        }
        Ok(true)
    }

    fn codebinnok(
        &mut self,
        op: ArOp,
        e1: &mut ExpDesc,
        e2: &mut ExpDesc,
        flip: bool,
        line: u32,
    ) -> CResult<()> {
        if flip {
            std::mem::swap(e1, e2);
        }
        self.codebinexpval(op, e1, e2, line)
    }

    fn codearith(
        &mut self,
        op: ArOp,
        e1: &mut ExpDesc,
        e2: &mut ExpDesc,
        flip: bool,
        line: u32,
    ) -> CResult<()> {
        if tonumeral(e2).is_some() && self.exp2k(e2)? {
            self.codebink(op, e1, e2, flip, line)
        } else {
            self.codebinnok(op, e1, e2, flip, line)
        }
    }

    fn codecommutative(
        &mut self,
        op: ArOp,
        e1: &mut ExpDesc,
        e2: &mut ExpDesc,
        line: u32,
    ) -> CResult<()> {
        let mut flip = false;
        if tonumeral(e1).is_some() {
            std::mem::swap(e1, e2);
            flip = true;
        }
        if op == ArOp::Add && Self::is_scint(e2) {
            self.codebini(OpCode::AddI, e1, e2, flip, line, TM_ADD)
        } else {
            self.codearith(op, e1, e2, flip, line)
        }
    }

    fn codebitwise(
        &mut self,
        op: ArOp,
        e1: &mut ExpDesc,
        e2: &mut ExpDesc,
        line: u32,
    ) -> CResult<()> {
        let mut flip = false;
        if matches!(e1.k, EK::KInt(_)) {
            std::mem::swap(e1, e2);
            flip = true;
        }
        if matches!(e2.k, EK::KInt(_)) && self.exp2k(e2)? {
            self.codebink(op, e1, e2, flip, line)
        } else {
            self.codebinnok(op, e1, e2, flip, line)
        }
    }

    fn codeorder(&mut self, op: BinOp, e1: &mut ExpDesc, e2: &mut ExpDesc) -> CResult<()> {
        let (opc, a, b, isfloat);
        if let Some((im, isf)) = Self::is_scnumber(e2) {
            let r1 = self.exp2anyreg(e1)?;
            a = Opnd::R(self.rv(r1));
            b = Opnd::Int(im as i32);
            isfloat = isf;
            opc = if op == BinOp::Lt {
                OpCode::LtI
            } else {
                OpCode::LeI
            };
        } else if let Some((im, isf)) = Self::is_scnumber(e1) {
            let r1 = self.exp2anyreg(e2)?;
            a = Opnd::R(self.rv(r1));
            b = Opnd::Int(im as i32);
            isfloat = isf;
            opc = if op == BinOp::Lt {
                OpCode::GtI
            } else {
                OpCode::GeI
            };
        } else {
            let r1 = self.exp2anyreg(e1)?;
            let r2 = self.exp2anyreg(e2)?;
            a = Opnd::R(self.rv(r1));
            b = Opnd::R(self.rv(r2));
            isfloat = false;
            opc = if op == BinOp::Lt {
                OpCode::Lt
            } else {
                OpCode::Le
            };
        }
        self.freeexps(e1, e2);
        let c = if matches!(opc, OpCode::Lt | OpCode::Le) {
            Opnd::None
        } else {
            Opnd::Int(isfloat as i32)
        };
        let pc = self.condjump(opc, a, b, c, true);
        e1.k = EK::Jmp(pc);
        Ok(())
    }

    fn codeeq(&mut self, op: BinOp, e1: &mut ExpDesc, e2: &mut ExpDesc) -> CResult<()> {
        if !matches!(e1.k, EK::NonReloc(_)) {
            std::mem::swap(e1, e2);
        }
        let r1 = self.exp2anyreg(e1)?;
        let a = Opnd::R(self.rv(r1));
        let (opc, b, c);
        if let Some((im, isf)) = Self::is_scnumber(e2) {
            opc = OpCode::EqI;
            b = Opnd::Int(im as i32);
            c = Opnd::Int(isf as i32);
        } else {
            let rk = self.exp2rk(e2)?;
            if let Opnd::K(_) = rk {
                opc = OpCode::EqK;
            } else {
                opc = OpCode::Eq;
            }
            b = rk;
            c = Opnd::None;
        }
        self.freeexps(e1, e2);
        let pc = self.condjump(opc, a, b, c, op == BinOp::Eq);
        e1.k = EK::Jmp(pc);
        Ok(())
    }

    fn codeconcat(&mut self, e1: &mut ExpDesc, e2: &ExpDesc, line: u32) {
        let fs = self.fsr();
        let is_concat =
            fs.pc() > fs.lasttarget && fs.insts.last().is_some_and(|i| i.op == OpCode::Concat);
        let r1 = if let EK::NonReloc(r) = e1.k { r } else { 0 };
        let v1 = self.rv(r1);
        if is_concat {
            self.freeexp(e2);
            let fs = self.fs();
            let n = fs.insts.len() - 1;
            let i = &mut fs.insts[n];
            i.win.insert(0, v1);
            i.wout = vec![v1];
            fs.aslot[n] = r1;
        } else {
            let r2 = if let EK::NonReloc(r) = e2.k { r } else { 0 };
            let v2 = self.rv(r2);
            let mut i = Inst::new(OpCode::Concat, 0);
            i.win = vec![v1, v2];
            i.wout = vec![v1];
            self.code_slot(i, r1);
            self.freeexp(e2);
            self.fixline(line);
        }
    }

    /// `luaK_posfix`.
    fn posfix(&mut self, op: BinOp, e1: &mut ExpDesc, e2: &mut ExpDesc, line: u32) -> CResult<()> {
        self.dischargevars(e2)?;
        if let Some(aop) = binop_arith(op) {
            if constfolding(aop, e1, e2) {
                return Ok(());
            }
        }
        match op {
            BinOp::And => {
                let mut f = e2.f;
                self.concat_jumps(&mut f, e1.f)?;
                e2.f = f;
                *e1 = e2.clone();
            }
            BinOp::Or => {
                let mut t = e2.t;
                self.concat_jumps(&mut t, e1.t)?;
                e2.t = t;
                *e1 = e2.clone();
            }
            BinOp::Concat => {
                self.exp2nextreg(e2)?;
                self.codeconcat(e1, e2, line);
            }
            BinOp::Add | BinOp::Mul => {
                let aop = if op == BinOp::Add {
                    ArOp::Add
                } else {
                    ArOp::Mul
                };
                self.codecommutative(aop, e1, e2, line)?;
            }
            BinOp::Sub => {
                if !self.finishbinexpneg(e1, e2, OpCode::AddI, line, TM_ADD + 1)? {
                    self.codearith(ArOp::Sub, e1, e2, false, line)?;
                }
            }
            BinOp::Div | BinOp::IDiv | BinOp::Mod | BinOp::Pow => {
                let aop = binop_arith(op).unwrap_or(ArOp::Div);
                self.codearith(aop, e1, e2, false, line)?;
            }
            BinOp::BAnd | BinOp::BOr | BinOp::BXor => {
                let aop = binop_arith(op).unwrap_or(ArOp::BAnd);
                self.codebitwise(aop, e1, e2, line)?;
            }
            BinOp::Shl => {
                if Self::is_scint(e1) {
                    std::mem::swap(e1, e2);
                    self.codebini(OpCode::ShlI, e1, e2, true, line, TM_SHL)?;
                } else if self.finishbinexpneg(e1, e2, OpCode::ShrI, line, TM_SHL)? {
                } else {
                    self.codebinexpval(ArOp::Shl, e1, e2, line)?;
                }
            }
            BinOp::Shr => {
                if Self::is_scint(e2) {
                    self.codebini(OpCode::ShrI, e1, e2, false, line, TM_SHR)?;
                } else {
                    self.codebinexpval(ArOp::Shr, e1, e2, line)?;
                }
            }
            BinOp::Eq | BinOp::Ne => self.codeeq(op, e1, e2)?,
            BinOp::Gt | BinOp::Ge => {
                std::mem::swap(e1, e2);
                let o = if op == BinOp::Gt {
                    BinOp::Lt
                } else {
                    BinOp::Le
                };
                self.codeorder(o, e1, e2)?;
            }
            BinOp::Lt | BinOp::Le => self.codeorder(op, e1, e2)?,
        }
        Ok(())
    }

    // ------------------------------------------------------------ variables

    /// `singlevar`.
    pub(crate) fn singlevar(&mut self, name: &[u8]) -> CResult<ExpDesc> {
        let lvl = self.fs_stack.len().saturating_sub(1);
        let mut var = self.singlevaraux(lvl, name, true)?;
        if var.k == EK::Void {
            var = self.singlevaraux(lvl, b"_ENV", true)?;
            self.exp2anyregup(&mut var)?;
            let mut key = ExpDesc::new(EK::KStr(name.into()));
            self.indexed(&mut var, &mut key)?;
        }
        Ok(var)
    }

    fn singlevaraux(&mut self, lvl: usize, n: &[u8], base: bool) -> CResult<ExpDesc> {
        let Some(fs) = self.fs_stack.get(lvl) else {
            return Ok(ExpDesc::new(EK::Void));
        };
        let (firstlocal, nactvar) = (fs.firstlocal, fs.nactvar);
        for i in (0..nactvar).rev() {
            let Some(vd) = self.actvar.get(firstlocal + i) else {
                continue;
            };
            if &*vd.name == n {
                if vd.kind == VarKind::Ctc {
                    return Ok(ExpDesc::new(EK::Const(firstlocal + i)));
                }
                let e = ExpDesc::new(EK::Local {
                    ridx: vd.ridx,
                    vidx: i,
                });
                if !base {
                    self.markupval(lvl, i);
                }
                return Ok(e);
            }
        }
        if let Some(idx) = fs.upvalues.iter().position(|u| &*u.name == n) {
            return Ok(ExpDesc::new(EK::Upval(idx as u32)));
        }
        if lvl == 0 {
            return Ok(ExpDesc::new(EK::Void));
        }
        let v = self.singlevaraux(lvl - 1, n, false)?;
        match v.k {
            EK::Local { .. } | EK::Upval(_) => {
                let idx = self.newupvalue(lvl, n, &v)?;
                Ok(ExpDesc::new(EK::Upval(idx)))
            }
            _ => Ok(v),
        }
    }

    fn markupval(&mut self, lvl: usize, level: usize) {
        if let Some(fs) = self.fs_stack.get_mut(lvl) {
            if let Some(bl) = fs.bl.iter_mut().rev().find(|b| b.nactvar <= level) {
                bl.upval = true;
            }
            fs.needclose = true;
        }
    }

    fn newupvalue(&mut self, lvl: usize, name: &[u8], v: &ExpDesc) -> CResult<u32> {
        let (Some(nups), Some(line)) = (
            self.fs_stack.get(lvl).map(|f| f.upvalues.len()),
            self.fs_stack.get(lvl).map(|f| f.linedefined),
        ) else {
            return Ok(0);
        };
        if nups + 1 > super::MAXUPVAL {
            let where_ = if line == 0 {
                "main function".to_string()
            } else {
                format!("function at line {line}")
            };
            return Err(self.syntax_error(&format!(
                "too many upvalues (limit is {}) in {where_}",
                super::MAXUPVAL
            )));
        }
        let Some(prev) = lvl.checked_sub(1).and_then(|l| self.fs_stack.get(l)) else {
            return Ok(0);
        };
        let prev_first = prev.firstlocal;
        let info = match v.k {
            EK::Local { ridx, vidx } => {
                let (vreg, kind) = match self.actvar.get_mut(prev_first + vidx) {
                    Some(vd) => {
                        vd.captured = true;
                        (vd.vreg, vd.kind as u8)
                    }
                    None => (None, 0),
                };
                UpvalInfo {
                    name: name.into(),
                    instack: true,
                    local: vreg,
                    idx: ridx as u8,
                    kind,
                }
            }
            EK::Upval(u) => {
                let kind = prev.upvalues.get(u as usize).map(|x| x.kind).unwrap_or(0);
                UpvalInfo {
                    name: name.into(),
                    instack: false,
                    local: None,
                    idx: u as u8,
                    kind,
                }
            }
            _ => UpvalInfo {
                name: name.into(),
                instack: false,
                local: None,
                idx: 0,
                kind: 0,
            },
        };
        if let Some(f) = self.fs_stack.get_mut(lvl) {
            f.upvalues.push(info);
        }
        Ok(nups as u32)
    }

    // ------------------------------------------------------------ suffixed expressions

    fn primaryexp(&mut self, e: &Expr) -> CResult<ExpDesc> {
        match &e.kind {
            ExprKind::Name(n) => {
                self.set_pos(e.span.end);
                self.singlevar(n.as_bytes())
            }
            ExprKind::Paren(inner) => {
                let mut v = self.expr(inner)?;
                self.set_pos(e.span.end);
                self.dischargevars(&mut v)?;
                Ok(v)
            }
            _ => self.expr(e),
        }
    }

    /// `suffixedexp` (iterative over the suffix chain).
    pub(crate) fn suffixedexp(&mut self, e: &Expr) -> CResult<ExpDesc> {
        let mut spine = Vec::new();
        let mut cur = e;
        loop {
            match &cur.kind {
                ExprKind::Index { obj, .. } => {
                    spine.push(cur);
                    cur = obj;
                }
                ExprKind::Call { func, .. } => {
                    spine.push(cur);
                    cur = func;
                }
                ExprKind::MethodCall { obj, .. } => {
                    spine.push(cur);
                    cur = obj;
                }
                _ => break,
            }
        }
        let line = cur.span.line;
        let mut v = self.primaryexp(cur)?;
        for node in spine.into_iter().rev() {
            match &node.kind {
                ExprKind::Index { obj, key, style } => {
                    self.set_pos(obj.span.end);
                    self.exp2anyregup(&mut v)?;
                    let mut k = match (style, &key.kind) {
                        (IndexStyle::Dot, ExprKind::Str(s)) => ExpDesc::new(EK::KStr(s.clone())),
                        _ => {
                            let mut k = self.expr(key)?;
                            self.set_pos(key.span.end);
                            self.exp2val(&mut k)?;
                            k
                        }
                    };
                    self.set_pos(node.span.end);
                    self.indexed(&mut v, &mut k)?;
                }
                ExprKind::Call { func, args } => {
                    self.set_pos(func.span.end);
                    self.exp2nextreg(&mut v)?;
                    self.funcargs(&mut v, args, line)?;
                }
                ExprKind::MethodCall {
                    method,
                    method_span,
                    args,
                    ..
                } => {
                    self.set_pos(method_span.end);
                    let mut key = ExpDesc::new(EK::KStr(method.0.clone()));
                    self.code_self(&mut v, &mut key)?;
                    self.funcargs(&mut v, args, line)?;
                }
                _ => {}
            }
        }
        Ok(v)
    }

    /// `explist` for call arguments and other lists: all but the last are put in the next
    /// registers; the last is returned undischarged.
    pub(crate) fn explist(&mut self, es: &[Expr]) -> CResult<ExpDesc> {
        let mut v = ExpDesc::new(EK::Void);
        for (i, e) in es.iter().enumerate() {
            if i > 0 {
                // ',' consumed: the lexer sits on the next expression.
                let l = crate::near::prev_token_line(self.source, self.lines, e.span.start);
                self.set_line(l);
                self.pos = e.span.start;
                self.exp2nextreg(&mut v)?;
            }
            v = self.expr(e)?;
            self.set_pos(e.span.end);
        }
        Ok(v)
    }

    fn funcargs(&mut self, f: &mut ExpDesc, args: &CallArgs, line: u32) -> CResult<()> {
        let mut a = match args.style {
            ArgsStyle::Parens => {
                let mut a = self.explist(&args.args)?;
                self.set_pos(args.span.end);
                if a.is_multret() {
                    self.setmultret(&a)?;
                    a = a.clone();
                }
                a
            }
            ArgsStyle::Table => match args.args.first().map(|e| &e.kind) {
                Some(ExprKind::Table(tc)) => {
                    let line = crate::near::prev_token_line(
                        self.source,
                        self.lines,
                        args.args[0].span.start,
                    );
                    let a = self.constructor(tc, line)?;
                    self.set_pos(args.span.end);
                    a
                }
                _ => ExpDesc::new(EK::Void),
            },
            ArgsStyle::Str => {
                self.set_pos(args.span.end);
                match args.args.first().map(|e| &e.kind) {
                    Some(ExprKind::Str(s)) => ExpDesc::new(EK::KStr(s.clone())),
                    _ => ExpDesc::new(EK::Void),
                }
            }
        };
        let base = if let EK::NonReloc(r) = f.k { r } else { 0 };
        let open = a.is_multret();
        if !open && a.k != EK::Void {
            self.exp2nextreg(&mut a)?;
        }
        let top = self.fsr().freereg;
        let win: Vec<_> = (base..top).map(|s| self.rv(s)).collect();
        let mut i = Inst::new(OpCode::Call, 0);
        i.win = win;
        i.open_in = open;
        let pc = self.code_slot(i, base);
        self.fixline(line);
        self.release_to(base);
        self.reserveregs(1)?;
        let r0 = self.rv(base);
        if let Some(i) = self.inst_mut_pub(pc) {
            i.wout = vec![r0];
        }
        f.k = EK::Call(pc);
        f.t = NO_JUMP;
        f.f = NO_JUMP;
        Ok(())
    }

    pub(crate) fn inst_mut_pub(&mut self, pc: i32) -> Option<&mut Inst> {
        self.fs().insts.get_mut(pc as usize)
    }

    // ------------------------------------------------------------ table constructor

    fn setlist(&mut self, base: u32, nelems: i32, tostore: i32) {
        let top = self.fsr().freereg;
        let win: Vec<_> = (base..top).map(|s| self.rv(s)).collect();
        let mut i = Inst::new(OpCode::SetList, 0);
        i.win = win;
        i.open_in = tostore < 0;
        let nelems = nelems.max(0) as u32;
        if nelems <= aqua_bytecode::MAXARG_C {
            i.c = Opnd::Int(nelems as i32);
        } else {
            i.k = true;
            i.c = Opnd::Int((nelems % (aqua_bytecode::MAXARG_C + 1)) as i32);
            i.extra = nelems / (aqua_bytecode::MAXARG_C + 1);
        }
        self.code_slot(i, base);
        self.release_to(base + 1);
    }

    fn constructor(&mut self, tc: &TableCons, line: u32) -> CResult<ExpDesc> {
        self.set_line(line);
        let t_slot = self.fsr().freereg;
        let pc = self.code_slot(Inst::new(OpCode::NewTable, 0), t_slot);
        let t = ExpDesc::new(EK::NonReloc(t_slot));
        self.reserveregs(1)?;
        let tv = self.rv(t_slot);
        if let Some(i) = self.inst_mut_pub(pc) {
            i.a = Opnd::R(tv);
        }
        let mut na: i32 = 0;
        let mut nh: i64 = 0;
        let mut tostore: i32 = 0;
        let mut v = ExpDesc::new(EK::Void);
        for field in &tc.fields {
            // closelistfield
            if v.k != EK::Void {
                self.exp2nextreg(&mut v)?;
                v = ExpDesc::new(EK::Void);
                if tostore == LFIELDS_PER_FLUSH {
                    self.setlist(t_slot, na, tostore);
                    na += tostore;
                    tostore = 0;
                }
            }
            match field {
                Field::Positional(e) => {
                    v = self.expr(e)?;
                    self.set_pos(e.span.end);
                    tostore += 1;
                }
                Field::Named {
                    name,
                    value,
                    name_span,
                } => {
                    let reg = self.fsr().freereg;
                    self.set_pos(name_span.end);
                    let mut key = ExpDesc::new(EK::KStr(name.0.clone()));
                    nh += 1;
                    let mut tab = t.clone();
                    self.indexed(&mut tab, &mut key)?;
                    let mut val = self.expr(value)?;
                    self.set_pos(value.span.end);
                    self.storevar(&tab, &mut val)?;
                    self.release_to(reg);
                }
                Field::Keyed { key, value } => {
                    let reg = self.fsr().freereg;
                    let mut k = self.expr(key)?;
                    self.set_pos(key.span.end);
                    self.exp2val(&mut k)?;
                    nh += 1;
                    // `]` and `=` consumed: the lexer sits on the value.
                    let l = crate::near::prev_token_line(self.source, self.lines, value.span.start);
                    self.set_line(l);
                    self.pos = value.span.start;
                    let mut tab = t.clone();
                    self.indexed(&mut tab, &mut k)?;
                    let mut val = self.expr(value)?;
                    self.set_pos(value.span.end);
                    self.storevar(&tab, &mut val)?;
                    self.release_to(reg);
                }
            }
        }
        self.set_line(tc.close_line);
        // lastlistfield
        if tostore != 0 {
            if v.is_multret() {
                self.setmultret(&v)?;
                self.setlist(t_slot, na, -1);
                na -= 1;
            } else {
                if v.k != EK::Void {
                    self.exp2nextreg(&mut v)?;
                }
                self.setlist(t_slot, na, tostore);
            }
            na += tostore;
        }
        // luaK_settablesize
        let rb = if nh != 0 { ceil_log2(nh as u64) + 1 } else { 0 };
        let na = na.max(0) as u32;
        let extra = na / (aqua_bytecode::MAXARG_C + 1);
        let rc = na % (aqua_bytecode::MAXARG_C + 1);
        if let Some(i) = self.inst_mut_pub(pc) {
            i.b = Opnd::Int(rb as i32);
            i.c = Opnd::Int(rc as i32);
            i.k = extra > 0;
            i.extra = extra;
        }
        Ok(t)
    }

    /// `codeclosure` after a nested function was compiled.
    pub(crate) fn codeclosure(&mut self, proto_idx: u32) -> CResult<ExpDesc> {
        let pc = self.op_abc(
            OpCode::Closure,
            Opnd::None,
            Opnd::Proto(ProtoIdx(proto_idx)),
            Opnd::None,
            false,
        );
        let mut e = ExpDesc::new(EK::Reloc(pc));
        self.exp2nextreg(&mut e)?;
        Ok(e)
    }

    /// Constant value of a `<const>` initialiser, if it is a compile-time constant.
    pub(crate) fn const_of(&self, e: &ExpDesc) -> Option<KVal> {
        self.exp2const(e)
    }
}

fn ceil_log2(x: u64) -> u32 {
    if x <= 1 {
        0
    } else {
        64 - (x - 1).leading_zeros()
    }
}
