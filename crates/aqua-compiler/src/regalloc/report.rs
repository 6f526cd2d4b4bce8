//! Register-allocation report (`aqua --regalloc-report[=html]`): what an allocator did, per
//! function.
//!
//! Role: a debugging aid. For every function (nested functions after their parent) it prints a
//! summary line — instructions, blocks, vregs, live intervals, maximum register pressure,
//! maximum interference degree, frame size, MOVEs inserted by the allocator, IR MOVEs coalesced
//! (source and destination in one register: emission drops them) and left, allocation time —
//! then one line per vreg: its register and its live ranges (for an allocator with a lifetime
//! policy, the intervals it allocated: [`liveness::allocation_intervals`]). Ranges are in *slots*
//! ([`super::liveness`]): slot `2p` is where instruction `p` reads, `2p+1` where it writes; a
//! range is printed as instruction positions `a..b` with `'` marking a range that starts at a
//! write (`3'..7`: from the write of instruction 3 to the read of instruction 7).
//!
//! The HTML form draws the same intervals against the instructions: one row per vreg, one
//! column per slot, each range coloured by the assigned register, in one self-contained page.

use super::liveness::{self, Intervals, Range};
use super::{Allocation, RegAlloc};
use crate::ir::Function;
use aqua_bytecode::OpCode;
use std::fmt::Write;
use std::time::{Duration, Instant};

/// The facts of one function's allocation shown by the report.
struct Facts {
    iv: Intervals,
    alloc: Result<Allocation, String>,
    time: Duration,
    max_degree: u32,
    ir_moves: u32,
    coalesced: u32,
}

fn facts(f: &Function, ra: &dyn RegAlloc) -> Facts {
    let t0 = Instant::now();
    let alloc = ra.allocate(f).map_err(|e| e.message);
    let time = t0.elapsed();
    // The intervals the allocator worked on (its lifetime policy applied), else raw liveness.
    let iv = match ra
        .lifetimes()
        .and_then(|l| liveness::allocation_intervals(f, l).ok())
    {
        Some((iv, _)) => iv,
        None => liveness::build_intervals(f, &liveness::compute(f)),
    };
    // Interference degree by a sweep over interval starts (pairs of overlapping intervals).
    let mut order: Vec<usize> = (0..iv.by_vreg.len())
        .filter(|&v| !iv.by_vreg[v].is_empty())
        .collect();
    order.sort_by_key(|&v| iv.by_vreg[v].start());
    let mut degree = vec![0u32; iv.by_vreg.len()];
    if order.len() <= 4000 {
        for (x, &a) in order.iter().enumerate() {
            let ea = iv.by_vreg[a].end();
            for &b in &order[x + 1..] {
                if iv.by_vreg[b].start() >= ea {
                    break;
                }
                if iv.by_vreg[a].overlaps(&iv.by_vreg[b]) {
                    degree[a] += 1;
                    degree[b] += 1;
                }
            }
        }
    }
    let (mut ir_moves, mut coalesced) = (0, 0);
    if let Ok(a) = &alloc {
        for i in &f.insts {
            if i.op == OpCode::Move {
                if let (Some(x), Some(y)) = (i.a.reg(), i.b.reg()) {
                    ir_moves += 1;
                    if a.reg(x).is_some() && a.reg(x) == a.reg(y) {
                        coalesced += 1;
                    }
                }
            }
        }
    }
    Facts {
        max_degree: degree.iter().copied().max().unwrap_or(0),
        iv,
        alloc,
        time,
        ir_moves,
        coalesced,
    }
}

fn fmt_range(r: &Range) -> String {
    let a = r.start / 2;
    let mark = if r.start % 2 == 1 { "'" } else { "" };
    // `end` is exclusive: the last slot is end-1.
    let last = r.end.saturating_sub(1);
    let b = last / 2;
    let mark2 = if last % 2 == 1 { "'" } else { "" };
    format!("{a}{mark}..{b}{mark2}")
}

fn header(f: &Function, ra: &dyn RegAlloc, x: &Facts) -> String {
    let nint = x.iv.by_vreg.iter().filter(|i| !i.is_empty()).count();
    match &x.alloc {
        Ok(a) => format!(
            "function <{},{}> ({}): {} instructions, {} blocks, {} vregs, {} intervals, \
             max pressure {}, max degree {}, frame {}, moves inserted {}, IR moves {} \
             (coalesced {}, left {}), allocation {:.1}us",
            f.linedefined,
            f.lastlinedefined,
            ra.name(),
            f.insts.len(),
            f.blocks.len(),
            f.num_vregs,
            nint,
            x.iv.max_pressure,
            x.max_degree,
            a.maxstacksize,
            a.moves.len(),
            x.ir_moves,
            x.coalesced,
            x.ir_moves - x.coalesced,
            x.time.as_secs_f64() * 1e6
        ),
        Err(e) => format!(
            "function <{},{}> ({}): {} instructions, {} vregs, max pressure {}: allocation \
             failed: {e} (the compiler falls back to lifo)",
            f.linedefined,
            f.lastlinedefined,
            ra.name(),
            f.insts.len(),
            f.num_vregs,
            x.iv.max_pressure
        ),
    }
}

fn local_name(f: &Function, v: usize) -> Option<String> {
    f.locals
        .iter()
        .find(|l| l.vreg.0 as usize == v)
        .map(|l| String::from_utf8_lossy(&l.name).into_owned())
}

/// Report for one function and its allocation.
pub fn report(f: &Function, ra: &dyn RegAlloc) -> String {
    let x = facts(f, ra);
    let mut out = String::new();
    let _ = writeln!(out, "{}", header(f, ra, &x));
    let pinned: Vec<u32> = liveness::tbc_like(f).iter().map(|p| p.vreg.0).collect();
    for (v, iv) in x.iv.by_vreg.iter().enumerate() {
        if iv.is_empty() {
            continue;
        }
        let reg = x
            .alloc
            .as_ref()
            .ok()
            .and_then(|a| a.reg(iv.vreg))
            .map(|r| format!("R{}", r.0))
            .unwrap_or("-".into());
        let ranges: Vec<String> = iv.ranges.iter().map(fmt_range).collect();
        let _ = writeln!(
            out,
            "  v{v:<5} {reg:<5} {}{}{}",
            ranges.join(" "),
            if pinned.contains(&(v as u32)) {
                " *"
            } else {
                ""
            },
            local_name(f, v)
                .map(|s| format!(" {s}"))
                .unwrap_or_default()
        );
    }
    if let Ok(a) = &x.alloc {
        for m in &a.moves {
            let _ = writeln!(
                out,
                "  move R{} -> R{} before {}",
                m.src.0, m.dst.0, m.before.0
            );
        }
    }
    out
}

/// Report for a function tree allocated with `ra` (nested functions after their parent).
pub fn report_tree(f: &Function, ra: &dyn RegAlloc) -> String {
    let mut out = report(f, ra);
    for p in &f.protos {
        out.push_str(&report_tree(p, ra));
    }
    out
}

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

fn html_function(out: &mut String, f: &Function, ra: &dyn RegAlloc) {
    let x = facts(f, ra);
    let _ = writeln!(out, "<h2>{}</h2>", esc(&header(f, ra, &x)));
    let rows: Vec<usize> = (0..x.iv.by_vreg.len())
        .filter(|&v| !x.iv.by_vreg[v].is_empty())
        .collect();
    let slots = (f.insts.len() * 2).max(1);
    let (cw, rh, left, top) = (5usize, 14usize, 150usize, 70usize);
    let width = left + slots * cw + 10;
    let height = top + rows.len() * rh + 10;
    let _ = writeln!(
        out,
        "<svg width=\"{width}\" height=\"{height}\" xmlns=\"http://www.w3.org/2000/svg\" \
         font-family=\"monospace\" font-size=\"10\">"
    );
    // Instruction axis: one tick and a rotated opcode per instruction.
    for (p, i) in f.insts.iter().enumerate() {
        let xpos = left + p * 2 * cw;
        let _ = writeln!(
            out,
            "<line x1=\"{xpos}\" y1=\"{}\" x2=\"{xpos}\" y2=\"{}\" stroke=\"#ddd\"/>\
             <text transform=\"translate({},{}) rotate(-60)\">{p} {:?}</text>",
            top - 2,
            height - 5,
            xpos + 3,
            top - 4,
            i.op
        );
    }
    for (row, &v) in rows.iter().enumerate() {
        let iv = &x.iv.by_vreg[v];
        let y = top + row * rh;
        let reg = x.alloc.as_ref().ok().and_then(|a| a.reg(iv.vreg));
        let label = format!(
            "v{v} {}{}",
            reg.map(|r| format!("R{}", r.0)).unwrap_or("-".into()),
            local_name(f, v)
                .map(|s| format!(" {s}"))
                .unwrap_or_default()
        );
        let _ = writeln!(
            out,
            "<text x=\"2\" y=\"{}\">{}</text>",
            y + rh - 3,
            esc(&label)
        );
        let hue = reg.map(|r| (r.0 as u32 * 47) % 360).unwrap_or(0);
        let sat = if reg.is_some() { 65 } else { 0 };
        for r in &iv.ranges {
            let _ = writeln!(
                out,
                "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"hsl({hue},{sat}%,55%)\">\
                 <title>{} {}</title></rect>",
                left + r.start as usize * cw,
                y + 2,
                ((r.end - r.start) as usize * cw).max(1),
                rh - 4,
                esc(&label),
                fmt_range(r)
            );
        }
    }
    let _ = writeln!(out, "</svg>");
}

fn html_tree(out: &mut String, f: &Function, ra: &dyn RegAlloc) {
    html_function(out, f, ra);
    for p in &f.protos {
        html_tree(out, p, ra);
    }
}

/// The report as a self-contained HTML page: per function, the live intervals drawn against the
/// instructions, one row per vreg, coloured by assigned register.
pub fn report_html(f: &Function, ra: &dyn RegAlloc, title: &str) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>{0}</title>\
         <style>body{{font-family:sans-serif}} h2{{font-size:13px;font-family:monospace}}</style>\
         </head><body><h1>register allocation ({1}): {0}</h1>\
         <p>One row per virtual register, one column per slot (each instruction has a read \
         slot and a write slot); bars are live ranges, coloured by assigned register.</p>",
        esc(title),
        ra.name()
    );
    html_tree(&mut out, f, ra);
    out.push_str("</body></html>\n");
    out
}
