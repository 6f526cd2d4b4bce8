//! Statement lowering: lparser.c's statements, blocks, scopes, labels/gotos, local variables and
//! function bodies (`open_func`/`close_func`/`luaK_finish`), ending in an [`ir::Function`].

use super::{
    BlockCnt, Builder, CResult, ExpDesc, FuncState, LabelDesc, VarDesc, VarKind, EK, NO_JUMP,
};
use crate::ir::{self, Block as IrBlock, Inst, InstId, Opnd};
use crate::CompileError;
use aqua_bytecode::OpCode;
use aqua_syntax::ast::{Attrib, Block, Chunk, Expr, FuncBody, IfArm, Stat, StatKind};

impl Builder<'_> {
    // ------------------------------------------------------------ scopes

    pub(crate) fn enterblock(&mut self, isloop: bool) {
        let insidetbc = self.fsr().bl.last().is_some_and(|b| b.insidetbc);
        let bl = BlockCnt {
            firstlabel: self.labels.len(),
            firstgoto: self.gotos.len(),
            nactvar: self.fsr().nactvar,
            upval: false,
            isloop,
            insidetbc,
        };
        self.fs().bl.push(bl);
    }

    fn removevars(&mut self, tolevel: usize) {
        let n = self.fsr().nactvar - tolevel;
        let pc = self.fsr().pc() as u32;
        while self.fsr().nactvar > tolevel {
            let vidx = self.fsr().nactvar - 1;
            self.fs().nactvar -= 1;
            let Some(vd) = self.getlocalvardesc(vidx).cloned() else {
                continue;
            };
            if vd.kind != VarKind::Ctc {
                if let Some(p) = vd.pidx {
                    let fs = self.fs();
                    if let Some(l) = fs.locals.get_mut(p) {
                        l.end = InstId(pc);
                        if vd.captured || vd.kind == VarKind::Close {
                            let pin = ir::Pinned {
                                vreg: l.vreg,
                                start: l.start,
                                end: l.end,
                            };
                            fs.pinned.push(pin);
                        }
                    }
                }
            }
        }
        self.nact = self.nact.saturating_sub(n);
    }

    pub(crate) fn leaveblock(&mut self) -> CResult<()> {
        let Some(bl) = self.fsr().bl.last().cloned() else {
            return Ok(());
        };
        let stklevel = self.reglevel(bl.nactvar);
        let has_prev = self.fsr().bl.len() > 1;
        let mut hasclose = false;
        if bl.isloop {
            hasclose = self.createlabel(b"break", 0, false)?;
        }
        if !hasclose && has_prev && bl.upval {
            self.code_close(stklevel);
        }
        self.release_to(stklevel);
        self.removevars(bl.nactvar);
        self.labels.truncate(bl.firstlabel);
        self.fs().bl.pop();
        if has_prev {
            self.movegotosout(&bl);
        } else if bl.firstgoto < self.gotos.len() {
            let gt = self.gotos[bl.firstgoto].clone();
            return Err(self.undefgoto(&gt));
        }
        Ok(())
    }

    fn undefgoto(&self, gt: &LabelDesc) -> CompileError {
        let msg = if &*gt.name == b"break" {
            format!("break outside loop at line {}", gt.line).into_bytes()
        } else {
            let mut m = b"no visible label '".to_vec();
            m.extend_from_slice(&gt.name);
            m.extend_from_slice(format!("' for <goto> at line {}", gt.line).as_bytes());
            m
        };
        self.sem_error(msg)
    }

    fn movegotosout(&mut self, bl: &BlockCnt) {
        let lvl = self.reglevel(bl.nactvar);
        for i in bl.firstgoto..self.gotos.len() {
            let gnact = self.gotos[i].nactvar;
            if self.reglevel(gnact) > lvl {
                self.gotos[i].close |= bl.upval;
            }
            self.gotos[i].nactvar = bl.nactvar;
        }
    }

    /// Emit `CLOSE level` listing the active captured / to-be-closed locals at or above it.
    fn code_close(&mut self, level: u32) {
        let closes = self.captured_at_or_above(level);
        self.code_close_list(level, closes);
    }

    fn code_close_list(&mut self, level: u32, closes: Vec<crate::ir::VReg>) {
        let mut i = Inst::new(OpCode::Close, 0);
        i.level = level as u8;
        i.closes = closes;
        self.code(i);
    }

    /// Vregs of the active locals whose register is at or above `level` and that are captured
    /// by a closure or to-be-closed (what a `CLOSE level` closes).
    fn captured_at_or_above(&self, level: u32) -> Vec<crate::ir::VReg> {
        let mut out = Vec::new();
        for i in 0..self.fsr().nactvar {
            if let Some(vd) = self.getlocalvardesc(i) {
                if vd.kind != VarKind::Ctc
                    && vd.ridx >= level
                    && (vd.captured || vd.kind == VarKind::Close)
                {
                    out.extend(vd.vreg);
                }
            }
        }
        out
    }

    // ------------------------------------------------------------ labels and gotos

    fn newlabelentry_goto(&mut self, name: &[u8], line: u32, pc: i32) {
        let nactvar = self.fsr().nactvar;
        self.gotos.push(LabelDesc {
            name: name.into(),
            pc,
            line,
            nactvar,
            close: false,
        });
    }

    fn findlabel(&self, name: &[u8]) -> Option<LabelDesc> {
        let first = self.fsr().firstlabel;
        self.labels
            .get(first..)?
            .iter()
            .find(|l| &*l.name == name)
            .cloned()
    }

    fn solvegoto(&mut self, g: usize, label: &LabelDesc) -> CResult<()> {
        let gt = self.gotos[g].clone();
        if gt.nactvar < label.nactvar {
            let varname = self
                .getlocalvardesc(gt.nactvar)
                .map(|v| v.name.clone())
                .unwrap_or_default();
            let mut m = b"<goto ".to_vec();
            m.extend_from_slice(&gt.name);
            m.extend_from_slice(
                format!("> at line {} jumps into the scope of local '", gt.line).as_bytes(),
            );
            m.extend_from_slice(&varname);
            m.push(b'\'');
            return Err(self.sem_error(m));
        }
        self.patchlist(gt.pc, label.pc)?;
        self.gotos.remove(g);
        Ok(())
    }

    fn solvegotos(&mut self, lb: &LabelDesc) -> CResult<bool> {
        let mut i = self.fsr().bl.last().map(|b| b.firstgoto).unwrap_or(0);
        let mut needsclose = false;
        while i < self.gotos.len() {
            if self.gotos[i].name == lb.name {
                needsclose |= self.gotos[i].close;
                self.solvegoto(i, lb)?;
            } else {
                i += 1;
            }
        }
        Ok(needsclose)
    }

    fn createlabel(&mut self, name: &[u8], line: u32, last: bool) -> CResult<bool> {
        let pc = self.getlabel();
        let mut nactvar = self.fsr().nactvar;
        if last {
            nactvar = self.fsr().bl.last().map(|b| b.nactvar).unwrap_or(0);
        }
        let lb = LabelDesc {
            name: name.into(),
            pc,
            line,
            nactvar,
            close: false,
        };
        self.labels.push(lb.clone());
        if self.solvegotos(&lb)? {
            let lvl = self.nvarstack();
            self.code_close(lvl);
            return Ok(true);
        }
        Ok(false)
    }

    // ------------------------------------------------------------ locals

    fn new_localvar(&mut self, name: &[u8]) -> CResult<usize> {
        let fs = self.fsr();
        if self.nact + 1 - fs.firstlocal > super::MAXVARS {
            return Err(self.errorlimit(super::MAXVARS, "local variables"));
        }
        self.actvar.truncate(self.nact);
        self.nact += 1;
        self.actvar.push(VarDesc {
            name: name.into(),
            kind: VarKind::Reg,
            ridx: 0,
            vreg: None,
            pidx: None,
            k: None,
            captured: false,
        });
        Ok(self.nact - 1 - self.fsr().firstlocal)
    }

    fn adjustlocalvars(&mut self, nvars: usize) {
        let first = self.nvarstack();
        let pc = self.fsr().pc() as u32;
        for reglevel in first..first + nvars as u32 {
            let vidx = self.fsr().nactvar;
            self.fs().nactvar += 1;
            let v = self.wv_or_rv(reglevel);
            let name = self
                .getlocalvardesc(vidx)
                .map(|v| v.name.clone())
                .unwrap_or_default();
            let pidx = self.fsr().locals.len();
            self.fs().locals.push(ir::LocalInfo {
                name,
                vreg: v,
                start: InstId(pc),
                end: InstId(pc),
            });
            if let Some(vd) = self.getlocalvardesc_mut(vidx) {
                vd.ridx = reglevel;
                vd.vreg = Some(v);
                vd.pidx = Some(pidx);
            }
        }
    }

    fn wv_or_rv(&mut self, slot: u32) -> crate::ir::VReg {
        if slot < self.fsr().freereg {
            self.rv(slot)
        } else {
            self.wv(slot)
        }
    }

    /// `adjust_assign`.
    fn adjust_assign(&mut self, nvars: i32, nexps: i32, e: &mut ExpDesc) -> CResult<()> {
        let needed = nvars - nexps;
        if e.is_multret() {
            let extra = (needed + 1).max(0);
            self.setreturns(e, extra)?;
        } else {
            if e.k != EK::Void {
                self.exp2nextreg(e)?;
            }
            if needed > 0 {
                let fr = self.fsr().freereg;
                self.code_nil(fr, needed as u32);
            }
        }
        if needed > 0 {
            self.reserveregs(needed as u32)?;
        } else {
            let fr = self.fsr().freereg as i32 + needed;
            self.release_to(fr.max(0) as u32);
        }
        Ok(())
    }

    fn checktoclose(&mut self, level: Option<usize>) {
        if let Some(level) = level {
            self.marktobeclosed();
            let r = self.reglevel(level);
            let v = self.rv(r);
            let mut i = Inst::new(OpCode::Tbc, 0);
            i.a = Opnd::R(v);
            self.code(i);
        }
    }

    fn marktobeclosed(&mut self) {
        let fs = self.fs();
        if let Some(bl) = fs.bl.last_mut() {
            bl.upval = true;
            bl.insidetbc = true;
        }
        fs.needclose = true;
    }

    // ------------------------------------------------------------ statements

    fn block(&mut self, b: &Block) -> CResult<()> {
        self.enterblock(false);
        self.statlist(&b.stats)?;
        self.set_line(b.last_line);
        self.pos = b.span.end;
        self.leaveblock()
    }

    fn statlist(&mut self, stats: &[Stat]) -> CResult<()> {
        let mut i = 0;
        while i < stats.len() {
            if matches!(stats[i].kind, StatKind::Label { .. }) {
                // lparser.c's labelstat processes the following no-op statements (labels) first.
                let mut j = i;
                while j < stats.len() && matches!(stats[j].kind, StatKind::Label { .. }) {
                    j += 1;
                }
                let last = j == stats.len() && !self.in_repeat_scope();
                let end = stats[j - 1].span.end;
                for k in (i..j).rev() {
                    if let StatKind::Label { name } = &stats[k].kind {
                        self.set_line(stats[k].span.line);
                        self.pos = end;
                        self.labelstat(name.as_bytes(), &stats[k], last)?;
                    }
                }
                let nv = self.nvarstack();
                self.release_to(nv);
                i = j;
                continue;
            }
            self.statement(&stats[i])?;
            i += 1;
        }
        Ok(())
    }

    fn in_repeat_scope(&self) -> bool {
        self.repeat_scopes
            .last()
            .is_some_and(|&(f, b)| f == self.fs_stack.len() && b == self.fsr().bl.len())
    }

    fn statement(&mut self, s: &Stat) -> CResult<()> {
        self.set_line(s.span.line);
        self.pos = s.span.start;
        match &s.kind {
            StatKind::Call(e) => {
                let v = self.suffixedexp(e)?;
                if let EK::Call(pc) = v.k {
                    if let Some(i) = self.inst_mut_pub(pc) {
                        i.wout.clear();
                        i.open_out = false;
                    }
                }
            }
            StatKind::Local { vars, exprs } => self.localstat(vars, exprs, s)?,
            StatKind::Assign { targets, exprs, .. } => self.assignment(targets, exprs)?,
            StatKind::Do(b) => {
                self.block(b)?;
            }
            StatKind::While { cond, body } => self.whilestat(cond, body)?,
            StatKind::Repeat { body, cond } => self.repeatstat(body, cond)?,
            StatKind::If {
                arms,
                else_block,
                end_line,
            } => self.ifstat(arms, else_block.as_ref(), *end_line)?,
            StatKind::NumericFor {
                var,
                start,
                limit,
                step,
                body,
                ..
            } => {
                self.enterblock(true);
                self.fornum(
                    var.as_bytes(),
                    start,
                    limit,
                    step.as_ref(),
                    body,
                    s.span.line,
                )?;
                self.set_line(body.end_line);
                self.pos = body.span.end;
                self.leaveblock()?;
            }
            StatKind::GenericFor { names, exprs, body } => {
                self.enterblock(true);
                self.forlist(names, exprs, body)?;
                self.set_line(body.end_line);
                self.pos = body.span.end;
                self.leaveblock()?;
            }
            StatKind::Function { name, body } => {
                let mut v = self.singlevar(name.base.as_bytes())?;
                for (f, span) in &name.fields {
                    self.set_pos(span.start);
                    self.exp2anyregup(&mut v)?;
                    let mut key = ExpDesc::new(EK::KStr(f.0.clone()));
                    self.indexed(&mut v, &mut key)?;
                }
                if let Some((m, span)) = &name.method {
                    self.set_pos(span.start);
                    self.exp2anyregup(&mut v)?;
                    let mut key = ExpDesc::new(EK::KStr(m.0.clone()));
                    self.indexed(&mut v, &mut key)?;
                }
                let mut b = self.body(body, s.span.line)?;
                self.pos = body.span.end;
                self.check_readonly(&v)?;
                self.storevar(&v, &mut b)?;
                self.fixline(s.span.line);
            }
            StatKind::LocalFunction { name, body, .. } => {
                let fvar = self.fsr().nactvar;
                self.new_localvar(name.as_bytes())?;
                self.adjustlocalvars(1);
                let line = body.line;
                self.body(body, line)?;
                let pc = self.fsr().pc() as u32;
                let pidx = self.getlocalvardesc(fvar).and_then(|v| v.pidx);
                if let Some(p) = pidx {
                    if let Some(l) = self.fs().locals.get_mut(p) {
                        l.start = InstId(pc);
                    }
                }
            }
            StatKind::Return { exprs } => self.retstat(exprs, s)?,
            StatKind::Break => {
                let pc = self.jump();
                self.newlabelentry_goto(b"break", s.span.line, pc);
            }
            StatKind::Goto { label } => self.gotostat(label.as_bytes(), s)?,
            StatKind::Label { name } => {
                self.pos = s.span.end;
                self.labelstat(name.as_bytes(), s, false)?;
            }
        }
        let nv = self.nvarstack();
        self.release_to(nv);
        Ok(())
    }

    fn labelstat(&mut self, name: &[u8], s: &Stat, last: bool) -> CResult<()> {
        if let Some(lb) = self.findlabel(name) {
            let mut m = b"label '".to_vec();
            m.extend_from_slice(name);
            m.extend_from_slice(format!("' already defined on line {}", lb.line).as_bytes());
            return Err(self.sem_error(m));
        }
        self.createlabel(name, s.span.line, last)?;
        Ok(())
    }

    fn gotostat(&mut self, name: &[u8], s: &Stat) -> CResult<()> {
        let line = s.span.line;
        self.set_pos(s.span.end);
        match self.findlabel(name) {
            None => {
                let pc = self.jump();
                self.newlabelentry_goto(name, line, pc);
            }
            Some(lb) => {
                let lblevel = self.reglevel(lb.nactvar);
                if self.nvarstack() > lblevel {
                    self.code_close(lblevel);
                }
                let j = self.jump();
                self.patchlist(j, lb.pc)?;
            }
        }
        Ok(())
    }

    fn check_readonly(&self, e: &ExpDesc) -> CResult<()> {
        let varname: Option<Box<[u8]>> = match e.k {
            EK::Const(i) => self.actvar.get(i).map(|v| v.name.clone()),
            EK::Local { vidx, .. } => self
                .getlocalvardesc(vidx)
                .filter(|vd| vd.kind != VarKind::Reg)
                .map(|vd| vd.name.clone()),
            EK::Upval(u) => {
                let up = self.fsr().upvalues.get(u as usize);
                up.filter(|up| up.kind != 0).map(|up| up.name.clone())
            }
            _ => None,
        };
        if let Some(n) = varname {
            let mut m = b"attempt to assign to const variable '".to_vec();
            m.extend_from_slice(&n);
            m.push(b'\'');
            return Err(self.sem_error(m));
        }
        Ok(())
    }

    fn localstat(
        &mut self,
        vars: &[aqua_syntax::ast::LocalVar],
        exprs: &[Expr],
        s: &Stat,
    ) -> CResult<()> {
        let mut toclose: Option<usize> = None;
        let mut vidx = 0;
        let mut kind = VarKind::Reg;
        for (n, v) in vars.iter().enumerate() {
            self.pos = v.span.end;
            vidx = self.new_localvar(v.name.as_bytes())?;
            kind = match v.attrib {
                Attrib::None => VarKind::Reg,
                Attrib::Const => VarKind::Const,
                Attrib::Close => VarKind::Close,
            };
            if let Some(vd) = self.getlocalvardesc_mut(vidx) {
                vd.kind = kind;
            }
            if kind == VarKind::Close {
                if toclose.is_some() {
                    return Err(
                        self.sem_error(b"multiple to-be-closed variables in local list".to_vec())
                    );
                }
                toclose = Some(self.fsr().nactvar + n);
            }
        }
        let nvars = vars.len() as i32;
        let (mut e, nexps) = if exprs.is_empty() {
            (ExpDesc::new(EK::Void), 0)
        } else {
            let e = self.explist(exprs)?;
            (e, exprs.len() as i32)
        };
        if exprs.is_empty() {
            self.set_pos(s.span.end);
        }
        let cval = if nvars == nexps && kind == VarKind::Const {
            self.const_of(&e)
        } else {
            None
        };
        if let Some(k) = cval {
            if let Some(vd) = self.getlocalvardesc_mut(vidx) {
                vd.kind = VarKind::Ctc;
                vd.k = Some(k);
            }
            self.adjustlocalvars(nvars as usize - 1);
            self.fs().nactvar += 1;
        } else {
            self.adjust_assign(nvars, nexps, &mut e)?;
            self.adjustlocalvars(nvars as usize);
        }
        self.checktoclose(toclose);
        Ok(())
    }

    fn assignment(&mut self, targets: &[Expr], exprs: &[Expr]) -> CResult<()> {
        let mut lhs: Vec<ExpDesc> = Vec::with_capacity(targets.len());
        for (i, t) in targets.iter().enumerate() {
            let v = self.suffixedexp(t)?;
            if !matches!(v.k, EK::Local { .. } | EK::Upval(_) | EK::Const(_))
                && !matches!(
                    v.k,
                    EK::Indexed { .. }
                        | EK::IndexUp { .. }
                        | EK::IndexI { .. }
                        | EK::IndexStr { .. }
                )
            {
                self.pos = t.span.end;
                return Err(self.syntax_error("syntax error"));
            }
            if i > 0
                && !matches!(
                    v.k,
                    EK::Indexed { .. }
                        | EK::IndexUp { .. }
                        | EK::IndexI { .. }
                        | EK::IndexStr { .. }
                )
            {
                self.check_conflict(&mut lhs, &v)?;
            }
            self.pos = t.span.end;
            self.check_readonly(&v)?;
            lhs.push(v);
        }
        let nvars = lhs.len() as i32;
        let mut e = self.explist(exprs)?;
        let nexps = exprs.len() as i32;
        let mut rest = lhs.len();
        if nexps != nvars {
            self.adjust_assign(nvars, nexps, &mut e)?;
        } else {
            self.setoneret(&mut e);
            if let Some(last) = lhs.last() {
                let last = last.clone();
                self.storevar(&last, &mut e)?;
            }
            rest -= 1;
        }
        for i in (0..rest).rev() {
            let top = self.fsr().freereg.saturating_sub(1);
            let mut e = ExpDesc::new(EK::NonReloc(top));
            let v = lhs[i].clone();
            self.storevar(&v, &mut e)?;
        }
        Ok(())
    }

    fn check_conflict(&mut self, lhs: &mut [ExpDesc], v: &ExpDesc) -> CResult<()> {
        let extra = self.fsr().freereg;
        let mut conflict = false;
        for lh in lhs.iter_mut().rev() {
            match lh.k.clone() {
                EK::IndexUp { t, idx } => {
                    if let EK::Upval(u) = v.k {
                        if t == u {
                            conflict = true;
                            lh.k = EK::IndexStr { t: extra, idx };
                        }
                    }
                }
                EK::Indexed { t, idx } => {
                    let mut nt = t;
                    let mut nidx = idx;
                    if let EK::Local { ridx, .. } = v.k {
                        if t == ridx {
                            conflict = true;
                            nt = extra;
                        }
                        if idx == ridx {
                            conflict = true;
                            nidx = extra;
                        }
                    }
                    lh.k = EK::Indexed { t: nt, idx: nidx };
                }
                EK::IndexI { t, idx } => {
                    if let EK::Local { ridx, .. } = v.k {
                        if t == ridx {
                            conflict = true;
                            lh.k = EK::IndexI { t: extra, idx };
                        }
                    }
                }
                EK::IndexStr { t, idx } => {
                    if let EK::Local { ridx, .. } = v.k {
                        if t == ridx {
                            conflict = true;
                            lh.k = EK::IndexStr { t: extra, idx };
                        }
                    }
                }
                _ => {}
            }
        }
        if conflict {
            let dst = self.wv(extra);
            match v.k {
                EK::Local { ridx, .. } => {
                    let src = self.rv(ridx);
                    self.op_abc(OpCode::Move, Opnd::R(dst), Opnd::R(src), Opnd::None, false);
                }
                EK::Upval(u) => {
                    self.op_abc(
                        OpCode::GetUpval,
                        Opnd::R(dst),
                        Opnd::Up(aqua_bytecode::UpvalIdx(u as u8)),
                        Opnd::None,
                        false,
                    );
                }
                _ => {}
            }
            self.reserveregs(1)?;
        }
        Ok(())
    }

    fn cond(&mut self, e: &Expr) -> CResult<i32> {
        let mut v = self.expr(e)?;
        self.set_pos(e.span.end);
        if v.k == EK::Nil {
            v.k = EK::False;
        }
        self.goiftrue(&mut v)?;
        Ok(v.f)
    }

    fn whilestat(&mut self, cond: &Expr, body: &Block) -> CResult<()> {
        let whileinit = self.getlabel();
        let condexit = self.cond(cond)?;
        self.enterblock(true);
        self.block(body)?;
        self.set_line(body.last_line);
        let j = self.jump();
        self.patchlist(j, whileinit)?;
        self.set_line(body.end_line);
        self.pos = body.span.end;
        self.leaveblock()?;
        self.patchtohere(condexit)
    }

    fn repeatstat(&mut self, body: &Block, cond: &Expr) -> CResult<()> {
        let repeat_init = self.getlabel();
        self.enterblock(true);
        self.enterblock(false);
        let key = (self.fs_stack.len(), self.fsr().bl.len());
        self.repeat_scopes.push(key);
        let r = self.statlist(&body.stats);
        self.repeat_scopes.pop();
        r?;
        let mut condexit = self.cond(cond)?;
        let bl2 = self.fsr().bl.last().cloned();
        let closes = match &bl2 {
            Some(b) => self.captured_at_or_above(self.reglevel(b.nactvar)),
            None => Vec::new(),
        };
        self.leaveblock()?;
        if let Some(bl2) = bl2 {
            if bl2.upval {
                let exit = self.jump();
                self.patchtohere(condexit)?;
                let lvl = self.reglevel(bl2.nactvar);
                self.code_close_list(lvl, closes);
                condexit = self.jump();
                self.patchtohere(exit)?;
            }
        }
        self.patchlist(condexit, repeat_init)?;
        self.leaveblock()
    }

    fn exp1(&mut self, e: &Expr) -> CResult<()> {
        let mut v = self.expr(e)?;
        self.set_pos(e.span.end);
        self.exp2nextreg(&mut v)
    }

    fn fornum(
        &mut self,
        var: &[u8],
        start: &Expr,
        limit: &Expr,
        step: Option<&Expr>,
        body: &Block,
        line: u32,
    ) -> CResult<()> {
        let base = self.fsr().freereg;
        self.new_localvar(b"(for state)")?;
        self.new_localvar(b"(for state)")?;
        self.new_localvar(b"(for state)")?;
        self.new_localvar(var)?;
        self.exp1(start)?;
        self.exp1(limit)?;
        match step {
            Some(s) => self.exp1(s)?,
            None => {
                let fr = self.fsr().freereg;
                self.code_int_pub(fr, 1)?;
                self.reserveregs(1)?;
            }
        }
        self.adjustlocalvars(3);
        self.forbody(base, line, 1, false, body)
    }

    fn forlist(
        &mut self,
        names: &[(aqua_syntax::ast::Name, aqua_syntax::ast::Span)],
        exprs: &[Expr],
        body: &Block,
    ) -> CResult<()> {
        let base = self.fsr().freereg;
        for _ in 0..4 {
            self.new_localvar(b"(for state)")?;
        }
        for (n, sp) in names {
            self.pos = sp.end;
            self.new_localvar(n.as_bytes())?;
        }
        let line = exprs.first().map(|e| e.span.line).unwrap_or(self.line);
        let mut e = self.explist(exprs)?;
        self.adjust_assign(4, exprs.len() as i32, &mut e)?;
        self.adjustlocalvars(4);
        self.marktobeclosed();
        self.checkstack(3)?;
        self.forbody(base, line, names.len() as u32, true, body)
    }

    fn forbody(
        &mut self,
        base: u32,
        line: u32,
        nvars: u32,
        isgen: bool,
        body: &Block,
    ) -> CResult<()> {
        let do_line = self.line_at(body.span.start.saturating_sub(1));
        self.set_line(do_line);
        let mut prep = Inst::new(
            if isgen {
                OpCode::TForPrep
            } else {
                OpCode::ForPrep
            },
            0,
        );
        if isgen {
            prep.win = (base..base + 4).map(|s| self.rv(s)).collect();
        } else {
            prep.win = (base..base + 3).map(|s| self.rv(s)).collect();
        }
        let prep = self.code_slot_pub(prep, base);
        self.enterblock(false);
        self.adjustlocalvars(nvars as usize);
        self.reserveregs(nvars)?;
        let vars: Vec<_> = (base + if isgen { 4 } else { 3 }
            ..base + if isgen { 4 } else { 3 } + nvars)
            .map(|s| self.rv(s))
            .collect();
        if !isgen {
            let mut w = self
                .inst_mut_pub(prep)
                .map(|i| i.win.clone())
                .unwrap_or_default();
            w.extend(vars.iter().copied());
            if let Some(i) = self.inst_mut_pub(prep) {
                i.wout = w;
            }
        }
        self.block(body)?;
        self.leaveblock()?;
        let here = self.getlabel();
        self.fixforjump(prep, here, false)?;
        if isgen {
            let mut i = Inst::new(OpCode::TForCall, 0);
            i.win = (base..base + 4).map(|s| self.rv(s)).collect();
            i.wout = vars.clone();
            i.wout_off = 4;
            self.code_slot_pub(i, base);
            self.fixline(line);
        }
        let mut lp = Inst::new(
            if isgen {
                OpCode::TForLoop
            } else {
                OpCode::ForLoop
            },
            0,
        );
        if isgen {
            let mut w: Vec<_> = (base..base + 4).map(|s| self.rv(s)).collect();
            if let Some(v1) = vars.first() {
                w.push(*v1);
            }
            lp.win = w;
            lp.wout = vec![self.rv(base + 2)];
            lp.wout_off = 2;
        } else {
            lp.win = (base..base + 3).map(|s| self.rv(s)).collect();
            let mut w = lp.win.clone();
            w.extend(vars.iter().copied());
            lp.wout = w;
        }
        let endfor = self.code_slot_pub(lp, base);
        self.fixforjump(endfor, prep + 1, true)?;
        self.fixline(line);
        Ok(())
    }

    fn test_then_block(
        &mut self,
        arm: &IfArm,
        escapelist: &mut i32,
        has_more: bool,
    ) -> CResult<()> {
        self.set_line(arm.line);
        let mut v = self.expr(&arm.cond)?;
        // 'then' consumed
        let then_line = self.line_at(arm.block.span.start.saturating_sub(1));
        self.set_line(then_line);
        self.pos = arm.block.span.start;
        let jf;
        let stats = &arm.block.stats;
        let first_is_break = matches!(stats.first().map(|s| &s.kind), Some(StatKind::Break));
        if first_is_break {
            let bline = stats[0].span.line;
            self.goiffalse(&mut v)?;
            self.enterblock(false);
            self.newlabelentry_goto(b"break", bline, v.t);
            if stats.len() == 1 {
                self.set_line(arm.block.last_line);
                self.pos = arm.block.span.end;
                self.leaveblock()?;
                return Ok(());
            }
            jf = self.jump();
            self.statlist(&stats[1..])?;
        } else {
            self.goiftrue(&mut v)?;
            self.enterblock(false);
            jf = v.f;
            self.statlist(stats)?;
        }
        self.set_line(arm.block.last_line);
        self.pos = arm.block.span.end;
        self.leaveblock()?;
        if has_more {
            let j = self.jump();
            self.concat_jumps(escapelist, j)?;
        }
        self.patchtohere(jf)
    }

    fn ifstat(&mut self, arms: &[IfArm], else_block: Option<&Block>, end_line: u32) -> CResult<()> {
        let mut escapelist = NO_JUMP;
        for (i, arm) in arms.iter().enumerate() {
            let has_more = i + 1 < arms.len() || else_block.is_some();
            self.test_then_block(arm, &mut escapelist, has_more)?;
        }
        if let Some(b) = else_block {
            self.block(b)?;
        }
        self.set_line(end_line);
        self.patchtohere(escapelist)
    }

    fn retstat(&mut self, exprs: &[Expr], s: &Stat) -> CResult<()> {
        let mut first = self.nvarstack();
        let nret: i32;
        if exprs.is_empty() {
            nret = 0;
            self.set_line(s.span.line);
        } else {
            let mut e = self.explist(exprs)?;
            let n = exprs.len() as i32;
            if e.is_multret() {
                self.setmultret(&e)?;
                let insidetbc = self.fsr().bl.last().is_some_and(|b| b.insidetbc);
                if let EK::Call(pc) = e.k {
                    if n == 1 && !insidetbc {
                        if let Some(i) = self.inst_mut_pub(pc) {
                            i.op = OpCode::TailCall;
                        }
                    }
                }
                nret = -1;
            } else if n == 1 {
                first = self.exp2anyreg(&mut e)?;
                nret = 1;
            } else {
                self.exp2nextreg(&mut e)?;
                first = self.nvarstack();
                nret = n;
            }
        }
        self.ret(first, nret);
        Ok(())
    }

    // ------------------------------------------------------------ functions

    fn open_func(&mut self, linedefined: u32) {
        let fs = FuncState::new(linedefined, self.nact, self.labels.len());
        self.fs_stack.push(fs);
        self.enterblock(false);
    }

    fn setvararg(&mut self, nparams: u32) {
        self.fs().is_vararg = true;
        let mut i = Inst::new(OpCode::VarArgPrep, 0);
        i.a = Opnd::Int(nparams as i32);
        self.code(i);
    }

    /// `close_func` + `luaK_finish`: returns the finished IR function.
    fn close_func(&mut self, ret_line: u32) -> CResult<ir::Function> {
        self.set_line(ret_line);
        let nv = self.nvarstack();
        self.ret(nv, 0);
        self.leaveblock()?;
        let Some(fs) = self.fs_stack.pop() else {
            return Err(CompileError {
                line: 0,
                message: b"internal error: no function".to_vec(),
            });
        };
        finish(fs)
    }

    /// `body`: compiles a nested function and returns the CLOSURE expression.
    pub(crate) fn body(&mut self, fb: &FuncBody, line: u32) -> CResult<ExpDesc> {
        self.open_func(line);
        for p in &fb.params {
            self.new_localvar(p.as_bytes())?;
        }
        self.adjustlocalvars(fb.params.len());
        let np = self.fsr().nactvar as u32;
        self.fs().numparams = np;
        if fb.is_vararg {
            let l = crate::near::prev_token_line(
                self.source,
                self.lines,
                fb.block.span.start.saturating_sub(1),
            );
            self.set_line(l);
            self.setvararg(np);
        }
        self.reserveregs(np)?;
        let params: Vec<_> = (0..np).map(|s| self.rv(s)).collect();
        self.fs().params = params;
        self.statlist(&fb.block.stats)?;
        self.fs().lastlinedefined = fb.end_line;
        self.pos = fb.span.end;
        let f = self.close_func(fb.end_line)?;
        self.set_line(fb.end_line);
        let idx = self.fsr().protos.len() as u32;
        self.fs().protos.push(f);
        self.codeclosure(idx)
    }

    pub(crate) fn code_int_pub(&mut self, reg: u32, i: i64) -> CResult<()> {
        self.code_int(reg, i)
    }

    pub(crate) fn code_slot_pub(&mut self, inst: Inst, slot: u32) -> i32 {
        self.code_slot(inst, slot)
    }

    /// `fixforjump`.
    fn fixforjump(&mut self, pc: i32, dest: i32, back: bool) -> CResult<()> {
        let mut offset = self.wpc(dest) - (self.wpc(pc) + 1);
        if back {
            offset = -offset;
        }
        if offset > aqua_bytecode::MAXARG_BX as i64 {
            return Err(self.syntax_error("control structure too long"));
        }
        if let Some(j) = self.fs().jumps.get_mut(pc as usize) {
            *j = dest;
        }
        Ok(())
    }
}

/// Compile a whole chunk into the main function's IR.
pub(crate) fn compile_chunk(chunk: &Chunk, source: &[u8]) -> Result<ir::Function, CompileError> {
    let mut b = Builder::new(&chunk.lines, source);
    b.open_func(0);
    b.set_line(1);
    b.setvararg(0);
    b.fs().upvalues.push(ir::UpvalInfo {
        name: b"_ENV".as_slice().into(),
        instack: true,
        local: None,
        idx: 0,
        kind: 0,
    });
    b.statlist(&chunk.body.block.stats)?;
    b.pos = chunk.body.block.span.end;
    let f = b.close_func(chunk.body.block.last_line)?;
    Ok(f)
}

/// `luaK_finish` and block formation: turn the builder's flat code into an [`ir::Function`].
fn finish(fs: FuncState) -> Result<ir::Function, CompileError> {
    let FuncState {
        mut insts,
        jumps,
        constants,
        num_vregs,
        lifo,
        upvalues,
        protos,
        locals,
        needclose,
        is_vararg,
        numparams,
        linedefined,
        lastlinedefined,
        params,
        pinned,
        ..
    } = fs;
    // luaK_finish: RETURN0/RETURN1 -> RETURN when closing or vararg; k/C on RETURN/TAILCALL.
    for i in insts.iter_mut() {
        match i.op {
            OpCode::Return0 | OpCode::Return1 if needclose || is_vararg => {
                if i.op == OpCode::Return1 {
                    if let Opnd::R(v) = i.a {
                        i.win = vec![v];
                    }
                    i.a = Opnd::None;
                }
                i.op = OpCode::Return;
                i.k = needclose;
                i.c = Opnd::Int(if is_vararg { numparams as i32 + 1 } else { 0 });
            }
            OpCode::Return | OpCode::TailCall => {
                i.k = needclose;
                i.c = Opnd::Int(if is_vararg { numparams as i32 + 1 } else { 0 });
            }
            OpCode::TestSet if i.a == Opnd::None => {
                i.op = OpCode::Test;
                i.a = i.b;
                i.b = Opnd::None;
            }
            _ => {}
        }
    }
    // Block boundaries.
    let n = insts.len();
    let mut starts = vec![false; n + 1];
    starts[0] = true;
    for (pc, i) in insts.iter().enumerate() {
        if let Some(&t) = jumps.get(pc) {
            if t >= 0 && (t as usize) <= n && has_target(i.op) {
                starts[t as usize] = true;
            }
        }
        if i.op == OpCode::ForPrep {
            // its real target is the instruction after the FORLOOP
            if let Some(&t) = jumps.get(pc) {
                let t = t as usize + 1;
                if t <= n {
                    starts[t] = true;
                }
            }
        }
        if i.is_terminator() {
            starts[pc + 1] = true;
            if i.op == OpCode::LFalseSkip && pc + 2 <= n {
                starts[pc + 2] = true;
            }
        }
    }
    let mut blocks = Vec::new();
    let mut block_of = vec![0u32; n + 1];
    let mut cur = 0usize;
    for pc in 0..n {
        if starts[pc] && pc > cur {
            blocks.push(IrBlock {
                start: cur as u32,
                end: pc as u32,
            });
            cur = pc;
        }
        block_of[pc] = blocks.len() as u32;
    }
    blocks.push(IrBlock {
        start: cur as u32,
        end: n as u32,
    });
    block_of[n] = blocks.len() as u32;
    // Jump targets pointing to the end get an empty final block.
    let needs_end_block = insts.iter().enumerate().any(|(pc, i)| {
        has_target(i.op)
            && jumps.get(pc).is_some_and(|&t| {
                let t = if i.op == OpCode::ForPrep { t + 1 } else { t };
                t as usize >= n
            })
    });
    if needs_end_block {
        blocks.push(IrBlock {
            start: n as u32,
            end: n as u32,
        });
    }
    for (pc, i) in insts.iter_mut().enumerate() {
        if !has_target(i.op) {
            continue;
        }
        let Some(&t) = jumps.get(pc) else { continue };
        if t < 0 {
            // An unpatched jump (never happens for valid builder output): jump to next.
            i.target = Some(ir::BlockId(block_of[(pc + 1).min(n)]));
            continue;
        }
        let t = if i.op == OpCode::ForPrep {
            t as usize + 1
        } else {
            t as usize
        };
        let t = t.min(n);
        i.target = Some(ir::BlockId(block_of[t]));
    }
    Ok(ir::Function {
        insts,
        blocks,
        num_vregs,
        params,
        is_vararg,
        constants,
        upvalues,
        protos,
        locals,
        lifo,
        linedefined,
        lastlinedefined,
        pinned,
    })
}

fn has_target(op: OpCode) -> bool {
    matches!(
        op,
        OpCode::Jmp | OpCode::ForPrep | OpCode::ForLoop | OpCode::TForPrep | OpCode::TForLoop
    )
}
