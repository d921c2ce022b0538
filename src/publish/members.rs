//! `quote --members`: one sheet per member of a roster (quote, renewal
//! notice or request form) in one process. The program's data is prepared
//! once, the project (fonts, parsed templates, Typst's caches) is shared
//! by every sheet, the sheets are typeset in parallel and each PDF is
//! written as soon as it is verified, so memory does not grow with the
//! roster. They are written into a staging folder and moved into place
//! only when every sheet succeeded: a failed run leaves the output folder
//! as it was.

use super::{Artifact, Job, Observer, json_bytes, render_checked, stamp_date};
use crate::content::model::{Catalog, Program};
use crate::document::ProgramFacts;
use crate::document::members::{self, MemberSheet, SheetRequest, member_sheet, members_data};
use crate::error::{Error, Usage};
use crate::messages::{Lang, Localized};
use crate::rates::{Cell, case_cell, price, quote};
use crate::rating::Outcome;
use crate::render::{DocumentFailure, MemoryFiles, Project};
use crate::roster::{Member, Roster, RowError, RowProblem};
use rust_decimal::Decimal;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Which sheet each member gets.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum SheetKind {
    /// The お見積りシート with the member's premium.
    Quote,
    /// A renewal notice: last year's premium (from the program's
    /// predecessor, `previous:`) beside this year's, with the change.
    Renewal,
    /// The program's request form pre-filled with the member's id and
    /// name, for a product whose insurer quotes each member.
    Request,
}

impl SheetKind {
    /// Which columns a roster row must fill for this sheet.
    pub fn purpose(self) -> crate::roster::Purpose {
        match self {
            SheetKind::Request => crate::roster::Purpose::Request,
            SheetKind::Quote | SheetKind::Renewal => crate::roster::Purpose::Priced,
        }
    }

    /// The name in data (`meta.document`) and PDF identifiers.
    pub fn name(self) -> &'static str {
        match self {
            SheetKind::Quote => "quote",
            SheetKind::Renewal => "renewal",
            SheetKind::Request => "request",
        }
    }
}

/// What to make for a roster.
pub struct MembersRequest<'a> {
    /// The program the members are quoted under.
    pub program: &'a Program,
    /// The roster, read and checked.
    pub roster: &'a Roster,
    /// Which sheet.
    pub kind: SheetKind,
    /// The folder the PDFs and summaries go to.
    pub output: PathBuf,
    /// Also write every sheet as one print-ready PDF, in roster order.
    pub merge: bool,
    /// Write the good rows even when some are bad.
    pub skip_invalid: bool,
    /// The date the sheets are issued.
    pub issued: chrono::NaiveDate,
}

/// The merged PDF's name; member ids cannot start with `_`, so it never
/// collides with a member's sheet.
pub const MERGED: &str = "_all.pdf";

/// Typst's cache is trimmed after this many sheets ...
const EVICT_EVERY: usize = 32;
/// ... of the entries unused for this many trims.
const CACHE_AGE: usize = 2;

/// The stack of each typesetting thread, as Typst's own CLI gives its
/// main thread.
const WORKER_STACK: usize = 16 << 20;

/// Runs `work` on every item with one plain thread per core, each taking
/// the next item when done. Not rayon: a rayon worker waiting inside
/// Typst (which uses rayon itself) steals another member's sheet and
/// typesets it on top of its own stack, and hundreds of sheets nested so
/// overflowed it.
fn each_in_parallel<T: Sync>(items: &[T], work: impl Fn(&T) + Sync) -> std::io::Result<()> {
    let next = std::sync::atomic::AtomicUsize::new(0);
    let threads = std::thread::available_parallelism().map_or(2, |n| n.get());
    std::thread::scope(|scope| {
        let handles: Vec<_> = (0..threads.min(items.len()).max(1))
            .map(|_| {
                std::thread::Builder::new()
                    .stack_size(WORKER_STACK)
                    .spawn_scoped(scope, || {
                        loop {
                            let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                            let Some(item) = items.get(i) else { break };
                            work(item);
                        }
                    })
            })
            .collect::<Result<_, _>>()?;
        for handle in handles {
            if let Err(panic) = handle.join() {
                std::panic::resume_unwind(panic);
            }
        }
        Ok(())
    })
}

/// What became of one member.
#[derive(Clone, Debug, PartialEq)]
pub enum Status {
    /// A sheet was written with this premium.
    Quoted {
        /// The cell priced.
        cell: Cell,
        /// Installments a year, when paid monthly.
        installments: Option<u32>,
    },
    /// The size is outside the tariff: no sheet; an underwriter quotes.
    Referred {
        /// The size asked for.
        size: Decimal,
        /// The smallest size the tariff prices.
        min: Decimal,
        /// The largest.
        max: Decimal,
    },
    /// A request form was written.
    Requested,
}

/// One line of the summary.
#[derive(Clone, Debug)]
pub struct MemberResult {
    /// The roster line.
    pub line: usize,
    /// The member id.
    pub id: String,
    /// What became of the member.
    pub status: Status,
}

/// What a roster run did.
#[derive(Debug)]
pub struct MembersReport {
    /// The output folder.
    pub output: PathBuf,
    /// Every good member, in roster order.
    pub results: Vec<MemberResult>,
    /// The bad rows' problems (written only with `--skip-invalid`).
    pub invalid: Vec<RowProblem>,
    /// The merged PDF, when asked for.
    pub merged: Option<PathBuf>,
    /// Wall time of the whole run.
    pub took: Duration,
}

impl MembersReport {
    /// Sheets written.
    pub fn written(&self) -> usize {
        self.results
            .iter()
            .filter(|r| !matches!(r.status, Status::Referred { .. }))
            .count()
    }

    /// Members referred to the underwriter.
    pub fn referred(&self) -> impl Iterator<Item = &MemberResult> {
        self.results
            .iter()
            .filter(|r| matches!(r.status, Status::Referred { .. }))
    }
}

/// One member ready to typeset: the data and the cells it prints.
struct Prepared {
    sheet: MemberSheet,
    cells: Vec<Cell>,
}

/// Makes every member's sheet, the summaries and (with `merge`) the merged
/// PDF. Bad rows fail the run before anything is written unless
/// `skip_invalid`; a sheet that fails to typeset fails it too, leaving the
/// output folder untouched.
pub fn members(
    root: &Path,
    catalog: &Catalog,
    request: &MembersRequest,
    observer: &impl Observer,
) -> Result<MembersReport, Error> {
    let started = Instant::now();
    let program = request.program;
    let facts = ProgramFacts::new(catalog, &price(catalog, program)?);
    let PreparedRoster {
        results,
        jobs,
        invalid,
    } = prepare_roster(catalog, &facts, request)?;
    let project = Project::open(root)?;
    let date = stamp_date(request.issued)?;
    let staging = Staging::new(&request.output)?;
    observer.started(jobs.len() + usize::from(request.merge));
    let kind = request.kind.name();
    let typeset = |sheets: Vec<MemberSheet>, cells: &[Cell], ident: String| {
        let data = members_data(&facts, kind, request.issued, sheets);
        let job = Job {
            template: "members",
            files: MemoryFiles {
                data: json_bytes(&data),
                rates: crate::export::json(cells).into_bytes(),
                theme: json_bytes(&data.common.theme),
                assets: super::logo_assets(program),
            },
            date,
            ident,
            expected: cells,
            previews: false,
        };
        render_checked(&project, job)
    };
    let failures = Mutex::new(Vec::new());
    let write_error = Mutex::new(None);
    let done = std::sync::atomic::AtomicUsize::new(0);
    each_in_parallel(&jobs, |(member, prepared)| {
        let took = Instant::now();
        let count = done.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        if count % EVICT_EVERY == EVICT_EVERY - 1 {
            // Each sheet's layout is cached by its data and never asked
            // for again; what every sheet shares (fonts, parsed templates,
            // the unchanged parts' layout) is used again at once and stays.
            typst::comemo::evict(CACHE_AGE);
        }
        let ident = format!("{}/{kind}/{}", program.id, member.id);
        match typeset(vec![prepared.sheet.clone()], &prepared.cells, ident) {
            Ok(rendered) => {
                let name = format!("{}.pdf", member.id);
                match staging.write(&name, &rendered.pdf) {
                    Ok(()) => {
                        let artifact = Artifact {
                            path: PathBuf::from(name),
                            pages: Some(rendered.pages),
                            bytes: Vec::new(),
                        };
                        observer.done(&member.id, &artifact, took.elapsed());
                    }
                    Err(e) => {
                        let path = request.output.join(name);
                        *lock(&write_error) = Some(Error::io(path, e));
                    }
                }
            }
            Err(cause) => lock(&failures).push(DocumentFailure {
                name: member.id.clone(),
                cause: Box::new(cause),
            }),
        }
    })
    .map_err(|e| Error::io(&request.output, e))?;
    if let Some(error) = lock(&write_error).take() {
        observer.finished();
        return Err(error);
    }
    let mut failures = std::mem::take(&mut *lock(&failures));
    let merged = if request.merge && failures.is_empty() {
        let took = Instant::now();
        let (all, cells): (Vec<MemberSheet>, Vec<Vec<Cell>>) =
            jobs.into_iter().map(|(_, p)| (p.sheet, p.cells)).unzip();
        let cells: Vec<Cell> = cells.into_iter().flatten().collect();
        match typeset(all, &cells, format!("{}/{kind}/{MERGED}", program.id)) {
            Ok(rendered) => {
                staging
                    .write(MERGED, &rendered.pdf)
                    .map_err(|e| Error::io(request.output.join(MERGED), e))?;
                let artifact = Artifact {
                    path: PathBuf::from(MERGED),
                    pages: Some(rendered.pages),
                    bytes: Vec::new(),
                };
                observer.done(MERGED, &artifact, took.elapsed());
                Some(request.output.join(MERGED))
            }
            Err(cause) => {
                failures.push(DocumentFailure {
                    name: MERGED.to_string(),
                    cause: Box::new(cause),
                });
                None
            }
        }
    } else {
        None
    };
    observer.finished();
    if !failures.is_empty() {
        let total = results.len();
        return Err(Error::Typeset { failures, total });
    }
    let report = MembersReport {
        output: request.output.clone(),
        results,
        invalid,
        merged,
        took: Duration::ZERO,
    };
    let created = super::source_date(request.issued)?;
    staging
        .write(
            "summary.csv",
            super::member_summary::csv(&report).as_bytes(),
        )
        .map_err(|e| Error::io(request.output.join("summary.csv"), e))?;
    let workbook = super::member_summary::xlsx(&report, created)?;
    staging
        .write("summary.xlsx", &workbook)
        .map_err(|e| Error::io(request.output.join("summary.xlsx"), e))?;
    staging.commit()?;
    Ok(MembersReport {
        took: started.elapsed(),
        ..report
    })
}

/// A roster read against the program: every good member's result, the
/// members with a sheet to typeset, and the bad rows.
struct PreparedRoster<'r> {
    results: Vec<MemberResult>,
    jobs: Vec<(&'r Member, Prepared)>,
    invalid: Vec<RowProblem>,
}

/// Prices (or refers) every member and prepares its sheet's data; fails
/// with every bad row unless `skip_invalid`.
fn prepare_roster<'r>(
    catalog: &Catalog,
    facts: &ProgramFacts,
    request: &MembersRequest<'r>,
) -> Result<PreparedRoster<'r>, Error> {
    let roster = request.roster;
    let sheets = Sheets::new(catalog, request)?;
    let mut results = Vec::with_capacity(roster.members.len());
    let mut jobs = Vec::new();
    let mut invalid = roster.problems.clone();
    for member in &roster.members {
        match sheets.prepare(facts, member, request.issued)? {
            Ok((status, prepared)) => {
                if let Some(prepared) = prepared {
                    jobs.push((member, prepared));
                }
                results.push(MemberResult {
                    line: member.line,
                    id: member.id.clone(),
                    status,
                });
            }
            Err(error) => invalid.push(RowProblem {
                file: roster.file.clone(),
                line: member.line,
                column: Some(crate::roster::Column::Plan),
                error,
            }),
        }
    }
    invalid.sort_by_key(|p| p.line);
    if !invalid.is_empty() && !request.skip_invalid {
        return Err(Error::Roster(invalid));
    }
    Ok(PreparedRoster {
        results,
        jobs,
        invalid,
    })
}

/// What the `members` template reads for one member's sheet: its
/// `/data.json` and `/rates.json`, as `quote --members` typesets them.
pub struct MemberContext {
    /// The member id (the sheet's file name without `.pdf`).
    pub id: String,
    /// The sheet's data.
    pub data: Vec<u8>,
    /// The premiums the sheet prints, for the drift guard and attachment.
    pub rates: Vec<u8>,
}

/// Every member's sheet data, for `context --members`: so that the plain
/// typst CLI can render the same sheets from the same templates (a template
/// author's check, and the roster benchmark's comparison).
pub fn member_contexts(
    catalog: &Catalog,
    request: &MembersRequest,
) -> Result<Vec<MemberContext>, Error> {
    let facts = ProgramFacts::new(catalog, &price(catalog, request.program)?);
    let roster = prepare_roster(catalog, &facts, request)?;
    let kind = request.kind.name();
    Ok(roster
        .jobs
        .into_iter()
        .map(|(member, prepared)| MemberContext {
            id: member.id.clone(),
            data: json_bytes(&members_data(
                &facts,
                kind,
                request.issued,
                vec![prepared.sheet],
            )),
            rates: crate::export::json(&prepared.cells).into_bytes(),
        })
        .collect())
}

/// A lock whose holder cannot have panicked halfway through an update
/// (pushing to a vector, setting an option).
fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// What every member's sheet of one run shares: the kind, and for a
/// renewal the predecessor, for a request the form.
struct Sheets<'c> {
    catalog: &'c Catalog,
    program: &'c Program,
    previous: Option<(&'c Program, ProgramFacts<'c>)>,
    form: Option<&'c crate::content::model::Form>,
}

impl<'c> Sheets<'c> {
    fn new(catalog: &'c Catalog, request: &MembersRequest<'c>) -> Result<Self, Error> {
        let program = request.program;
        let previous = match request.kind {
            SheetKind::Renewal => {
                let id = program
                    .previous
                    .as_deref()
                    .ok_or_else(|| Usage::NoPredecessor {
                        program: program.id.clone(),
                    })?;
                let previous = crate::explain::find_program(catalog, id)?;
                Some((
                    previous,
                    ProgramFacts::new(catalog, &price(catalog, previous)?),
                ))
            }
            _ => None,
        };
        let form = match request.kind {
            SheetKind::Request => Some(
                program
                    .forms
                    .iter()
                    .find(|f| f.fields.iter().any(|field| field.prefill.is_some()))
                    .ok_or_else(|| Usage::NoRequestForm {
                        program: program.id.clone(),
                    })?,
            ),
            _ => None,
        };
        Ok(Sheets {
            catalog,
            program,
            previous,
            form,
        })
    }

    /// The member's status and, unless referred, their sheet.
    fn prepare(
        &self,
        facts: &ProgramFacts,
        member: &Member,
        issued: chrono::NaiveDate,
    ) -> Result<Result<(Status, Option<Prepared>), RowError>, Error> {
        if let Some(form) = self.form {
            let sheet = member_sheet(
                facts,
                SheetRequest::Request {
                    id: &member.id,
                    name: &member.name,
                    form,
                },
                issued,
            );
            let prepared = Prepared {
                sheet,
                cells: Vec::new(),
            };
            return Ok(Ok((Status::Requested, Some(prepared))));
        }
        let Some(case) = member.case else {
            return Err(Usage::NoRequestForm {
                program: self.program.id.clone(),
            }
            .into());
        };
        let priced = match quote(self.catalog, self.program, &case) {
            Ok(priced) => priced,
            Err(why) => return Ok(Err(RowError::NotPriced(why))),
        };
        if let Outcome::Refer { size, min, max } = priced.outcome {
            return Ok(Ok((Status::Referred { size, min, max }, None)));
        }
        let cell = case_cell(self.catalog, self.program, &case)?;
        let installments = match self.program.payment {
            crate::content::model::Payment::Monthly => self
                .catalog
                .tariff_of(self.program)
                .and_then(|tariff| tariff.tables.installments.as_ref())
                .map(|rule| rule.count),
            crate::content::model::Payment::LumpSum => None,
        };
        let (sheet, cells) = match &self.previous {
            None => (
                member_sheet(
                    facts,
                    SheetRequest::Quote {
                        name: &member.name,
                        case,
                        cell: &cell,
                    },
                    issued,
                ),
                vec![cell.clone()],
            ),
            Some((previous, previous_facts)) => {
                self.renewal(facts, previous, previous_facts, member, case, &cell, issued)
            }
        };
        let status = Status::Quoted { cell, installments };
        Ok(Ok((status, Some(Prepared { sheet, cells }))))
    }

    /// A renewal sheet: last year's plan (the roster's `previous_plan`,
    /// else this year's) priced under the predecessor where it can be.
    #[allow(clippy::too_many_arguments)]
    fn renewal(
        &self,
        facts: &ProgramFacts,
        previous: &Program,
        previous_facts: &ProgramFacts,
        member: &Member,
        case: crate::rating::Case,
        cell: &Cell,
        issued: chrono::NaiveDate,
    ) -> (MemberSheet, Vec<Cell>) {
        let product = self.catalog.product_of(self.program);
        let this_plan = &product.plans[case.plan].id;
        let last_plan = member.previous_plan.as_deref().unwrap_or(this_plan);
        let discontinued = !product.plans.iter().any(|p| p.id == last_plan);
        let before = self.previous_cell(previous, case, last_plan);
        let renewal = members::renewal(
            previous_facts,
            last_plan,
            before.as_ref(),
            cell,
            discontinued,
        );
        let sheet = member_sheet(
            facts,
            SheetRequest::Renewal {
                name: &member.name,
                case,
                cell,
                renewal: Box::new(renewal),
            },
            issued,
        );
        let mut cells = vec![cell.clone()];
        cells.extend(before);
        (sheet, cells)
    }

    /// Last year's cell: the same facility on `plan` under the predecessor,
    /// when its product has the class, plan and category and prices the size.
    fn previous_cell(
        &self,
        previous: &Program,
        case: crate::rating::Case,
        plan: &str,
    ) -> Option<Cell> {
        let this = self.catalog.product_of(self.program);
        let before = self.catalog.product_of(previous);
        let class = before
            .classes
            .iter()
            .position(|c| c.id == this.classes[case.class].id)?;
        let plan = before.plans.iter().position(|p| p.id == plan)?;
        let category = match case.category {
            Some(c) => Some(
                before
                    .categories
                    .iter()
                    .position(|x| x.id == this.categories[c].id)?,
            ),
            None => None,
        };
        let case = crate::rating::Case {
            class,
            plan,
            size: case.size,
            category,
        };
        case_cell(self.catalog, previous, &case).ok()
    }
}

/// The folder sheets are written into as they finish, moved into the
/// output folder one file at a time once all succeeded, and removed
/// (with whatever it holds) otherwise.
struct Staging {
    output: PathBuf,
    dir: tempfile::TempDir,
}

impl Staging {
    fn new(output: &Path) -> Result<Self, Error> {
        std::fs::create_dir_all(output).map_err(|e| Error::io(output, e))?;
        let dir = tempfile::Builder::new()
            .prefix(".tp-members-")
            .tempdir_in(output)
            .map_err(|e| Error::io(output, e))?;
        Ok(Staging {
            output: output.to_path_buf(),
            dir,
        })
    }

    fn write(&self, name: &str, bytes: &[u8]) -> std::io::Result<()> {
        std::fs::write(self.dir.path().join(name), bytes)
    }

    fn commit(self) -> Result<(), Error> {
        let entries =
            std::fs::read_dir(self.dir.path()).map_err(|e| Error::io(self.dir.path(), e))?;
        for entry in entries {
            let entry = entry.map_err(|e| Error::io(self.dir.path(), e))?;
            let target = self.output.join(entry.file_name());
            std::fs::rename(entry.path(), &target).map_err(|e| Error::io(&target, e))?;
        }
        Ok(())
    }
}

impl Localized for MembersReport {
    fn localized(&self, lang: Lang) -> String {
        let referred: Vec<String> = self.referred().map(|r| r.id.clone()).collect();
        let (written, output) = (self.written(), self.output.display());
        let seconds = self.took.as_secs_f64();
        let rate = written as f64 / seconds.max(1e-9);
        let mut text = match lang {
            Lang::En => format!(
                "{written} sheets written to {output} in {seconds:.2} s ({rate:.0} members/s); {} referred, {} invalid rows",
                referred.len(),
                self.invalid.len()
            ),
            Lang::Ja => format!(
                "{written}件のシートを {output} に書き出しました（{seconds:.2}秒、毎秒{rate:.0}件）。引受審査に回す会員 {}件、不正な行 {}件",
                referred.len(),
                self.invalid.len()
            ),
        };
        if !referred.is_empty() {
            text += &match lang {
                Lang::En => format!(
                    "\nreferred (size outside the tariff, no sheet): {}",
                    referred.join(", ")
                ),
                Lang::Ja => format!(
                    "\n料率表の範囲外のためシートを作らなかった会員: {}",
                    referred.join(", ")
                ),
            };
        }
        for problem in &self.invalid {
            text += "\n";
            text += &problem.localized(lang);
        }
        text
    }
}
