//! Writing content for a person: a new project (`init`), a program copied
//! under a new id (`new program`) and next policy year's program
//! (`roll`). Each refuses to overwrite what exists and writes atomically.

use crate::content::model::Catalog;
use crate::content::roll::{MovedDate, RawYear, Shift, rename, roll, years_in_raw};
use crate::error::{Error, Usage};
use crate::format::{wareki, weekday};
use crate::inspect::find_program;
use crate::messages::{Lang, Localized};
use crate::publish::output::write_atomic;
use crate::scaffold::FILES;
use std::path::{Path, PathBuf};

/// Writes a new project into `dir`, which must be empty or absent;
/// returns how many files it wrote.
pub fn init(dir: &Path) -> Result<usize, Error> {
    let occupied = std::fs::read_dir(dir).is_ok_and(|mut entries| entries.next().is_some());
    if occupied {
        return Err(Usage::NotEmpty(dir.to_path_buf()).into());
    }
    for (path, bytes) in FILES {
        let file = dir.join(path);
        write_atomic(&file, bytes).map_err(|e| Error::io(&file, e))?;
    }
    Ok(FILES.len())
}

/// Writes `content/programs/<id>.yaml` as a copy of program `from` under
/// the new id; returns the new file.
pub fn new_program(root: &Path, id: &str, from: &str) -> Result<PathBuf, Error> {
    check_id(id)?;
    let catalog = crate::content::load(root)?;
    let source = find_program(&catalog, from)?;
    let file = source.file.with_file_name(format!("{id}.yaml"));
    if file.exists() || catalog.program(id).is_some() {
        let id = id.to_string();
        return Err(Usage::ProgramExists { id, file }.into());
    }
    let text = std::fs::read_to_string(&source.file).map_err(|e| Error::io(&source.file, e))?;
    let text = rename(&text, &source.id, id).map_err(Usage::Roll)?;
    write_atomic(&file, text.as_bytes()).map_err(|e| Error::io(&file, e))?;
    Ok(file)
}

/// Ids name files and output folders: lower-case letters, digits and `-`.
fn check_id(id: &str) -> Result<(), Error> {
    let valid = !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        && !id.starts_with('-');
    if valid {
        Ok(())
    } else {
        Err(Usage::BadProgramId(id.to_string()).into())
    }
}

/// What `roll` wrote, for the person to review.
pub struct RollReport {
    /// The program rolled.
    pub from: String,
    /// The new program's id.
    pub to: String,
    /// The new file.
    pub file: PathBuf,
    /// Every date, old and new.
    pub dates: Vec<MovedDate>,
    /// The tariff before and after.
    pub tariffs: (String, String),
    /// Whether the new start falls under another tariff.
    pub tariff_changed: bool,
    /// Years written inside `{% raw %}` in the new file or its product's,
    /// which the roll did not move: for a person to look at.
    pub raw_years: Vec<(PathBuf, RawYear)>,
}

/// Writes next policy year's program from `program`'s, moved by `shift`;
/// refuses to overwrite an existing file unless `force`.
pub fn roll_program(
    root: &Path,
    program: &str,
    shift: Shift,
    force: bool,
) -> Result<RollReport, Error> {
    let catalog: Catalog = crate::content::load(root)?;
    let program = find_program(&catalog, program)?;
    let text = std::fs::read_to_string(&program.file).map_err(|e| Error::io(&program.file, e))?;
    let rolled = roll(&catalog, program, &text, shift).map_err(Usage::Roll)?;
    let file = program.file.with_file_name(format!("{}.yaml", rolled.id));
    if file.exists() && !force {
        return Err(Usage::FileExists(file).into());
    }
    write_atomic(&file, rolled.text.as_bytes()).map_err(|e| Error::io(&file, e))?;
    let product = catalog.product_of(program);
    // A product without tariffs is quoted by the insurer: "—" both sides.
    let label = |t: Option<usize>| {
        t.map(|t| &product.tariffs[t]).map_or_else(
            || "—".to_string(),
            |t| t.version.clone().unwrap_or_else(|| t.effective.to_string()),
        )
    };
    let tariffs = (label(program.tariff), label(rolled.tariff));
    let mut raw_years: Vec<(PathBuf, RawYear)> = years_in_raw(&rolled.text)
        .into_iter()
        .map(|year| (file.clone(), year))
        .collect();
    // The product's sections print in the new program's documents too.
    let product_text =
        std::fs::read_to_string(&product.file).map_err(|e| Error::io(&product.file, e))?;
    raw_years.extend(
        years_in_raw(&product_text)
            .into_iter()
            .map(|year| (product.file.clone(), year)),
    );
    Ok(RollReport {
        from: program.id.clone(),
        to: rolled.id,
        file,
        dates: rolled.dates,
        tariffs,
        tariff_changed: program.tariff != rolled.tariff,
        raw_years,
    })
}

impl Localized for RollReport {
    /// The summary: `old → new (file)`, every date old → new in 和暦 with
    /// weekdays (deadlines whose weekday changed or that fall on a weekend
    /// marked `!`), the tariff in force, and every year written inside
    /// `{% raw %}` with its `file:line`.
    fn localized(&self, lang: Lang) -> String {
        let ja = lang == Lang::Ja;
        let mut out = format!("{} → {} ({})\n", self.from, self.to, self.file.display());
        for date in &self.dates {
            out.push_str(&describe(date, ja));
            out.push('\n');
        }
        let (old, new) = &self.tariffs;
        out.push_str(&match (!self.tariff_changed, ja) {
            (true, false) => format!("tariff: {new} (unchanged)\n"),
            (true, true) => format!("料率: {new}（変更なし）\n"),
            (false, false) => {
                format!("tariff: {old} → {new} (premiums change; see `tariffpress diff`)\n")
            }
            (false, true) => {
                format!("料率: {old} → {new}（保険料が変わります。`tariffpress diff` で確認してください）\n")
            }
        });
        let flagged = self.dates.iter().filter(|d| flag(d).is_some()).count();
        if flagged > 0 {
            out.push_str(&if ja {
                format!("上の ! の締切日{flagged}件を確認してください: 曜日が変わったか、週末にあたります\n")
            } else {
                format!(
                    "check {flagged} deadline(s) marked ! above: the weekday changed or it falls on a weekend\n"
                )
            });
        }
        if !self.raw_years.is_empty() {
            out.push_str(if ja {
                "{% raw %} 内で年を書いている箇所です。roll は動かしていないので確認してください:\n"
            } else {
                "years written inside {% raw %}, which roll does not move; please look:\n"
            });
        }
        for (file, year) in &self.raw_years {
            out.push_str(&format!(
                "  {}:{}: {}\n",
                file.display(),
                year.line,
                year.text
            ));
        }
        out
    }
}

/// Why a moved deadline needs a look: `Some(true)` on a weekend,
/// `Some(false)` a changed weekday.
fn flag(date: &MovedDate) -> Option<bool> {
    if !date.field.starts_with("deadlines") {
        return None;
    }
    if date.on_weekend() {
        Some(true)
    } else {
        date.weekday_changed().then_some(false)
    }
}

/// `申込締切日 (deadlines[0].date): 令和7年6月6日(金) → 令和8年6月6日(土)  ! …`.
fn describe(date: &MovedDate, ja: bool) -> String {
    let mut line = format!(
        "  {} ({}): {}{} → {}{}",
        date.label,
        date.field,
        wareki(date.old),
        weekday(date.old),
        wareki(date.new),
        weekday(date.new)
    );
    line.push_str(match (flag(date), ja) {
        (None, _) => "",
        (Some(true), false) => "  ! falls on a weekend",
        (Some(false), false) => "  ! weekday changed",
        (Some(true), true) => "  ! 週末です",
        (Some(false), true) => "  ! 曜日が変わりました",
    });
    line
}
