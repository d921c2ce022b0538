//! `tariffpress roll`: next policy year's program from this year's, with a
//! summary of every date that moved and every deadline a person must look
//! at again (a changed weekday, a weekend).

use super::rates::unknown_program;
use super::{Failure, load};
use crate::build::output::write_atomic;
use crate::content::roll::{MovedDate, Shift, roll};
use crate::format::{wareki, weekday};
use std::path::Path;

pub struct Request<'a> {
    pub program: &'a str,
    pub shift: Shift,
    /// Overwrite an existing file of the new id.
    pub force: bool,
}

pub fn run(root: &Path, request: &Request) -> Result<(), Failure> {
    let catalog = load(root)?;
    let program = catalog
        .program(request.program)
        .ok_or_else(|| unknown_program(&catalog, request.program))?;
    let text = std::fs::read_to_string(&program.file)
        .map_err(|e| Failure::Message(format!("{}: {e}", program.file.display())))?;
    let rolled = roll(&catalog, program, &text, request.shift).map_err(Failure::Usage)?;
    let file = program.file.with_file_name(format!("{}.yaml", rolled.id));
    if file.exists() && !request.force {
        return Err(Failure::Usage(format!(
            "{} already exists; pass --force to overwrite it",
            file.display()
        )));
    }
    write_atomic(&file, rolled.text.as_bytes())
        .map_err(|e| Failure::Message(format!("{}: {e}", file.display())))?;
    let product = catalog.product_of(program);
    let (old_tariff, new_tariff) = (
        &product.tariffs[program.tariff],
        &product.tariffs[rolled.tariff],
    );
    println!("{} → {} ({})", program.id, rolled.id, file.display());
    for date in &rolled.dates {
        println!("{}", describe(date));
    }
    let label = |t: &crate::content::model::Tariff| {
        t.version.clone().unwrap_or_else(|| t.effective.to_string())
    };
    if old_tariff.file == new_tariff.file {
        println!("tariff: {} (unchanged)", label(new_tariff));
    } else {
        println!(
            "tariff: {} → {} (premiums change; see `tariffpress diff`)",
            label(old_tariff),
            label(new_tariff)
        );
    }
    let flagged = rolled
        .dates
        .iter()
        .filter(|d| d.field.starts_with("deadlines") && (d.weekday_changed() || d.on_weekend()))
        .count();
    if flagged > 0 {
        println!(
            "check {flagged} deadline(s) marked ! above: the weekday changed or it falls on a weekend"
        );
    }
    Ok(())
}

/// `申込締切日 (deadlines[0].date)  令和7年6月6日(金) → 令和8年6月6日(土)  ! …`.
fn describe(date: &MovedDate) -> String {
    let mut line = format!(
        "  {} ({}): {}{} → {}{}",
        date.label,
        date.field,
        wareki(date.old),
        weekday(date.old),
        wareki(date.new),
        weekday(date.new)
    );
    if date.field.starts_with("deadlines") {
        if date.on_weekend() {
            line.push_str("  ! falls on a weekend");
        } else if date.weekday_changed() {
            line.push_str("  ! weekday changed");
        }
    }
    line
}
