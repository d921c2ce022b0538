//! Raw content → validated model. Every check reports through a
//! [`FileReport`] with the field path it concerns, and checking goes on after
//! a problem so that one run reports everything.

use super::diagnostic::FileReport;
use super::model::{self, Catalog, Named};
use super::problem::{IdKind, Problem, Quantity};
use super::raw;
use super::text;
use crate::rating::{InstallmentRule, RateTables, Rounding, RoundingMode, SizeTable, Step};
use rust_decimal::Decimal;
use std::collections::{BTreeMap, HashSet};
use std::path::PathBuf;

fn position(ids: &[impl AsRef<str>], id: &str) -> Option<usize> {
    ids.iter().position(|x| x.as_ref() == id)
}

impl AsRef<str> for Named {
    fn as_ref(&self) -> &str {
        &self.id
    }
}
impl AsRef<str> for model::Class {
    fn as_ref(&self) -> &str {
        &self.id
    }
}
impl AsRef<str> for model::Plan {
    fn as_ref(&self) -> &str {
        &self.id
    }
}

/// Reports ids that occur twice in a list at `field[i].id`.
fn check_unique<'a>(ids: impl Iterator<Item = &'a str>, field: &str, report: &mut FileReport) {
    let mut seen = HashSet::new();
    for (i, id) in ids.enumerate() {
        if !seen.insert(id) {
            report.error(
                &format!("{field}[{i}].id"),
                Problem::DuplicateId { id: id.to_string() },
            );
        }
    }
}

fn check_positive(value: Decimal, path: &str, what: Quantity, report: &mut FileReport) {
    if value <= Decimal::ZERO {
        report.error(path, Problem::NotPositive { what, value });
    }
}

/// Validates a product file (without its tariffs).
pub(super) fn product(raw: raw::Product, file: PathBuf, report: &mut FileReport) -> model::Product {
    check_unique(
        raw.coverages.iter().map(|c| c.id.as_str()),
        "coverages",
        report,
    );
    check_unique(raw.classes.iter().map(|c| c.id.as_str()), "classes", report);
    check_unique(
        raw.categories.iter().map(|c| c.id.as_str()),
        "categories",
        report,
    );
    check_unique(raw.plans.iter().map(|p| p.id.as_str()), "plans", report);
    let named = |items: Vec<(String, String)>| -> Vec<Named> {
        items
            .into_iter()
            .map(|(id, name)| Named { id, name })
            .collect()
    };
    let coverages = named(raw.coverages.into_iter().map(|c| (c.id, c.name)).collect());
    let classes: Vec<model::Class> = raw
        .classes
        .into_iter()
        .map(|c| model::Class {
            id: c.id,
            name: c.name,
            size: c.size.map(|s| model::SizeMeasure {
                name: s.name,
                unit: s.unit,
            }),
        })
        .collect();
    let plans = raw
        .plans
        .into_iter()
        .enumerate()
        .map(|(i, p)| plan(p, &format!("plans[{i}]"), &coverages, &classes, report))
        .collect();
    let sections = text::sections(raw.sections, report);
    let faq = text::faq(raw.faq, report);
    model::Product {
        id: raw.id,
        name: raw.name,
        file,
        sections,
        faq,
        categories: named(raw.categories.into_iter().map(|c| (c.id, c.name)).collect()),
        coverages,
        classes,
        plans,
        tariffs: Vec::new(),
    }
}

fn plan(
    raw: raw::Plan,
    path: &str,
    coverages: &[Named],
    classes: &[model::Class],
    report: &mut FileReport,
) -> model::Plan {
    let mut class_limits = Vec::new();
    for (class_id, limits) in &raw.class_limits {
        let at = format!("{path}.class_limits.{class_id}");
        match position(classes, class_id) {
            Some(class) => class_limits.push((class, amounts(limits, &at, coverages, report))),
            None => report.error(&at, unknown(IdKind::Class, class_id, classes)),
        }
    }
    model::Plan {
        limits: amounts(&raw.limits, &format!("{path}.limits"), coverages, report),
        deductibles: amounts(
            &raw.deductibles,
            &format!("{path}.deductibles"),
            coverages,
            report,
        ),
        class_limits,
        id: raw.id,
    }
}

/// Resolves `coverage → amount` into a list indexed like `coverages`.
fn amounts(
    raw: &BTreeMap<String, Decimal>,
    path: &str,
    coverages: &[Named],
    report: &mut FileReport,
) -> Vec<Option<Decimal>> {
    for (id, amount) in raw {
        let at = format!("{path}.{id}");
        if position(coverages, id).is_none() {
            report.error(&at, unknown(IdKind::Coverage, id, coverages));
        }
        check_positive(*amount, &at, Quantity::Amount, report);
    }
    coverages.iter().map(|c| raw.get(&c.id).copied()).collect()
}

/// Validates a tariff of `product`.
pub(super) fn tariff(
    raw: raw::Tariff,
    file: PathBuf,
    product: &model::Product,
    report: &mut FileReport,
) -> model::Tariff {
    check_unique(
        raw.discounts.iter().map(|d| d.id.as_str()),
        "discounts",
        report,
    );
    if let Some(expires) = raw.expires.filter(|e| *e < raw.effective) {
        report.error(
            "expires",
            Problem::ExpiresBeforeEffective {
                expires,
                effective: raw.effective,
            },
        );
    }
    let discount_classes = raw
        .discounts
        .iter()
        .enumerate()
        .map(|(i, d)| discount_classes(d, i, product, report))
        .collect();
    let discounts: Vec<Named> = raw
        .discounts
        .into_iter()
        .map(|d| Named {
            id: d.id,
            name: d.name,
        })
        .collect();
    let tables = RateTables {
        base: class_plan_table(&raw.base_rates, "base_rates", product, report),
        size_tables: size_tables(&raw.size_factors, product, report),
        category_factors: category_factors(&raw.category_factors, product, report),
        minimums: class_plan_table(&raw.minimum_premiums, "minimum_premiums", product, report),
        discount_classes,
        steps: routine(&raw.routine, &discounts, report),
        installments: raw.installments.map(|i| installments(i, report)),
    };
    model::Tariff {
        file,
        effective: raw.effective,
        expires: raw.expires,
        version: raw.version,
        discounts,
        tables,
    }
}

fn discount_classes(
    d: &raw::Discount,
    i: usize,
    product: &model::Product,
    report: &mut FileReport,
) -> Vec<bool> {
    let Some(classes) = &d.classes else {
        return vec![true; product.classes.len()];
    };
    for (j, class) in classes.iter().enumerate() {
        if position(&product.classes, class).is_none() {
            let path = format!("discounts[{i}].classes[{j}]");
            report.error(&path, unknown(IdKind::Class, class, &product.classes));
        }
    }
    product
        .classes
        .iter()
        .map(|c| classes.contains(&c.id))
        .collect()
}

pub(super) fn unknown(kind: IdKind, id: &str, known: &[impl AsRef<str>]) -> Problem {
    Problem::Unknown {
        kind,
        id: id.to_string(),
        known: known.iter().map(|k| k.as_ref().to_string()).collect(),
    }
}

/// Resolves a `class → plan → amount` map into `[class][plan]`, checking
/// ids and that every amount is positive.
fn class_plan_table(
    raw: &BTreeMap<String, BTreeMap<String, Decimal>>,
    field: &str,
    product: &model::Product,
    report: &mut FileReport,
) -> Vec<Vec<Option<Decimal>>> {
    let mut table = vec![vec![None; product.plans.len()]; product.classes.len()];
    for (class_id, plans) in raw {
        let Some(class) = position(&product.classes, class_id) else {
            report.error(
                &format!("{field}.{class_id}"),
                unknown(IdKind::Class, class_id, &product.classes),
            );
            continue;
        };
        for (plan_id, amount) in plans {
            let path = format!("{field}.{class_id}.{plan_id}");
            match position(&product.plans, plan_id) {
                Some(plan) => table[class][plan] = Some(*amount),
                None => report.error(&path, unknown(IdKind::Plan, plan_id, &product.plans)),
            }
            check_positive(*amount, &path, Quantity::AmountInYen, report);
        }
    }
    table
}

fn size_tables(
    raw: &BTreeMap<String, Vec<(Decimal, Decimal)>>,
    product: &model::Product,
    report: &mut FileReport,
) -> Vec<Option<SizeTable>> {
    let mut tables: Vec<Option<SizeTable>> = vec![None; product.classes.len()];
    for (class_id, points) in raw {
        let path = format!("size_factors.{class_id}");
        let Some(class) = position(&product.classes, class_id) else {
            report.error(&path, unknown(IdKind::Class, class_id, &product.classes));
            continue;
        };
        if product.classes[class].size.is_none() {
            report.error(
                &path,
                Problem::FlatClassHasSizeFactors {
                    class: class_id.clone(),
                },
            );
        }
        check_points(points, &path, report);
        tables[class] = Some(SizeTable::new(points.clone()));
    }
    for (class, c) in product.classes.iter().enumerate() {
        if c.size.is_some() && tables[class].is_none() {
            report.error(
                "size_factors",
                Problem::NoSizeFactors {
                    class: c.id.clone(),
                    measure: c.size.as_ref().map_or("", |s| s.name.as_str()).to_string(),
                },
            );
        }
    }
    tables
}

/// Sizes must increase strictly and factors must be positive and must not
/// decrease, or a larger facility could pay less.
fn check_points(points: &[(Decimal, Decimal)], path: &str, report: &mut FileReport) {
    if points.is_empty() {
        report.error(path, Problem::NoSizePoints);
    }
    for (i, &(size, factor)) in points.iter().enumerate() {
        let at = format!("{path}[{i}]");
        check_positive(size, &at, Quantity::Size, report);
        check_positive(factor, &at, Quantity::SizeFactor, report);
        if let Some(&(prev_size, prev_factor)) = i.checked_sub(1).map(|p| &points[p]) {
            if size <= prev_size {
                report.error(
                    &at,
                    Problem::SizesMustIncrease {
                        size,
                        previous: prev_size,
                    },
                );
            }
            if factor < prev_factor {
                report.error(
                    &at,
                    Problem::SizeFactorsDecrease {
                        factor,
                        previous: prev_factor,
                    },
                );
            }
        }
    }
}

fn category_factors(
    raw: &BTreeMap<String, BTreeMap<String, Decimal>>,
    product: &model::Product,
    report: &mut FileReport,
) -> Vec<Vec<Decimal>> {
    let mut factors = vec![vec![Decimal::ONE; product.plans.len()]; product.categories.len()];
    for (cat_id, plans) in raw {
        let Some(cat) = position(&product.categories, cat_id) else {
            report.error(
                &format!("category_factors.{cat_id}"),
                unknown(IdKind::Category, cat_id, &product.categories),
            );
            continue;
        };
        for (plan_id, factor) in plans {
            let path = format!("category_factors.{cat_id}.{plan_id}");
            check_positive(*factor, &path, Quantity::CategoryFactor, report);
            match position(&product.plans, plan_id) {
                Some(plan) => factors[cat][plan] = *factor,
                None => report.error(&path, unknown(IdKind::Plan, plan_id, &product.plans)),
            }
        }
    }
    factors
}

fn routine(raw: &[raw::Step], discounts: &[Named], report: &mut FileReport) -> Vec<Step> {
    if !matches!(raw.first(), Some(raw::Step::Base)) {
        report.error("routine", Problem::RoutineMustStartWithBase);
    }
    raw.iter()
        .enumerate()
        .filter_map(|(i, step)| {
            let path = format!("routine[{i}]");
            Some(match step {
                raw::Step::Base => Step::Base,
                raw::Step::SizeFactor => Step::SizeFactor,
                raw::Step::CategoryFactor => Step::CategoryFactor,
                raw::Step::Minimum => Step::Minimum,
                raw::Step::Round(r) => Step::Round(rounding(r, &path, report)),
                raw::Step::Discount(id) => match position(discounts, id) {
                    Some(d) => Step::Discount(d),
                    None => {
                        report.error(&path, unknown(IdKind::Discount, id, discounts));
                        return None;
                    }
                },
            })
        })
        .collect()
}

fn rounding(raw: &raw::Rounding, path: &str, report: &mut FileReport) -> Rounding {
    check_positive(
        raw.unit,
        &format!("{path}.unit"),
        Quantity::RoundingUnit,
        report,
    );
    let mode = match raw.mode {
        raw::RoundingMode::HalfUp => RoundingMode::HalfUp,
        raw::RoundingMode::Down => RoundingMode::Down,
        raw::RoundingMode::Up => RoundingMode::Up,
    };
    Rounding::new(raw.unit.max(Decimal::ONE), mode)
}

fn installments(raw: raw::Installments, report: &mut FileReport) -> InstallmentRule {
    if raw.count < 2 {
        report.error(
            "installments.count",
            Problem::TooFewInstallments { count: raw.count },
        );
    }
    check_positive(
        raw.factor,
        "installments.factor",
        Quantity::InstallmentFactor,
        report,
    );
    InstallmentRule {
        count: raw.count.max(2),
        factor: raw.factor,
        rounding: rounding(&raw.rounding, "installments.rounding", report),
    }
}

/// Validates a program against the catalog's products.
pub(super) fn program(
    raw: raw::Program,
    file: PathBuf,
    catalog: &Catalog,
    report: &mut FileReport,
) -> Option<model::Program> {
    let Some(product_ix) = catalog.products.iter().position(|p| p.id == raw.product) else {
        let ids: Vec<&str> = catalog.products.iter().map(|p| p.id.as_str()).collect();
        report.error("product", unknown(IdKind::Product, &raw.product, &ids));
        return None;
    };
    let product = &catalog.products[product_ix];
    check_dates(&raw, report);
    let Some(tariff_ix) = product.tariff_in_force(raw.period.start) else {
        report.error(
            "period.start",
            Problem::NoTariffInForce {
                product: product.id.clone(),
                start: raw.period.start,
                spans: product
                    .tariffs
                    .iter()
                    .map(|t| (t.effective, t.expires))
                    .collect(),
            },
        );
        return None;
    };
    let tariff = &product.tariffs[tariff_ix];
    if raw.payment == model::Payment::Monthly && tariff.tables.installments.is_none() {
        report.error(
            "payment",
            Problem::MonthlyNeedsInstallments {
                tariff: tariff.file.clone(),
            },
        );
    }
    let discount_rates = discount_rates(&raw.discounts, tariff, report);
    let tables = raw
        .tables
        .iter()
        .enumerate()
        .filter_map(|(i, t)| Some((i, table(t, i, product, tariff, report)?)))
        .collect::<Vec<_>>();
    check_distinct_tables(&tables, product, report);
    let tables = tables.into_iter().map(|(_, t)| t).collect();
    let sections = text::sections(raw.sections, report);
    let faq = text::faq(raw.faq, report);
    let documents = text::documents(raw.documents, &sections, &product.sections, report);
    let deadline_ids: Vec<&str> = raw.deadlines.iter().map(|d| d.id.as_str()).collect();
    let forms = text::forms(raw.forms, &deadline_ids, &raw.contacts, &sections, report);
    Some(model::Program {
        forms,
        title: raw.title,
        audience: raw.audience,
        issued: raw.issued,
        document_code: raw.document_code,
        contacts: raw.contacts,
        sections,
        faq,
        documents,
        id: raw.id,
        previous: raw.previous,
        file,
        product: product_ix,
        tariff: tariff_ix,
        association: raw.association,
        policyholder: raw.policyholder,
        period: model::Period {
            start: raw.period.start,
            end: raw.period.end,
            time: raw.period.time,
        },
        deadlines: raw
            .deadlines
            .into_iter()
            .map(|d| model::Deadline {
                id: d.id,
                name: d.name,
                date: d.date,
            })
            .collect(),
        dates: raw.dates,
        discount_rates,
        payment: raw.payment,
        tables,
    })
}

fn check_dates(raw: &raw::Program, report: &mut FileReport) {
    if raw.period.end <= raw.period.start {
        report.error(
            "period.end",
            Problem::PeriodEndsBeforeStart {
                end: raw.period.end,
                start: raw.period.start,
            },
        );
    }
    check_unique(
        raw.deadlines.iter().map(|d| d.id.as_str()),
        "deadlines",
        report,
    );
    for (i, d) in raw.deadlines.iter().enumerate() {
        if d.date > raw.period.start {
            report.error(
                &format!("deadlines[{i}].date"),
                Problem::DeadlineAfterStart {
                    deadline: d.date,
                    start: raw.period.start,
                },
            );
        }
    }
}

fn discount_rates(
    raw: &BTreeMap<String, Decimal>,
    tariff: &model::Tariff,
    report: &mut FileReport,
) -> Vec<Decimal> {
    let mut rates = vec![Decimal::ZERO; tariff.discounts.len()];
    for (id, &rate) in raw {
        let path = format!("discounts.{id}");
        match position(&tariff.discounts, id) {
            Some(d) => rates[d] = rate,
            None => report.error(&path, unknown(IdKind::Discount, id, &tariff.discounts)),
        }
        if rate < Decimal::ZERO || rate >= Decimal::ONE {
            report.error(&path, Problem::RateOutOfRange { rate });
        }
    }
    rates
}

/// Two tables of one class and category would print the same premiums
/// twice (and make a cell's key ambiguous).
/// `tables` holds each valid table with its index in the file.
fn check_distinct_tables(
    tables: &[(usize, model::Table)],
    product: &model::Product,
    report: &mut FileReport,
) {
    for (k, (i, table)) in tables.iter().enumerate() {
        let earlier = tables[..k]
            .iter()
            .find(|(_, t)| t.class == table.class && t.category == table.category);
        if let Some((earlier, _)) = earlier {
            report.error(
                &format!("tables[{i}]"),
                Problem::TableRepeated {
                    earlier: *earlier,
                    class: product.classes[table.class].id.clone(),
                    category: table.category.map(|c| product.categories[c].id.clone()),
                },
            );
        }
    }
}

fn table(
    raw: &raw::Table,
    i: usize,
    product: &model::Product,
    tariff: &model::Tariff,
    report: &mut FileReport,
) -> Option<model::Table> {
    let at = |field: &str| format!("tables[{i}].{field}");
    let Some(class) = position(&product.classes, &raw.class) else {
        report.error(
            &at("class"),
            unknown(IdKind::Class, &raw.class, &product.classes),
        );
        return None;
    };
    let category = raw.category.as_ref().and_then(|c| {
        let found = position(&product.categories, c);
        if found.is_none() {
            report.error(
                &at("category"),
                unknown(IdKind::Category, c, &product.categories),
            );
        }
        found
    });
    check_table_sizes(raw, class, product, tariff, &at("sizes"), report);
    let mut plans = Vec::new();
    for (j, plan_id) in raw.plans.iter().enumerate() {
        let path = format!("tables[{i}].plans[{j}]");
        let Some(plan) = position(&product.plans, plan_id) else {
            report.error(&path, unknown(IdKind::Plan, plan_id, &product.plans));
            continue;
        };
        if plans.contains(&plan) {
            report.error(
                &path,
                Problem::PlanListedTwice {
                    plan: plan_id.clone(),
                },
            );
            continue;
        }
        if tariff.tables.base[class][plan].is_none() {
            report.error(
                &path,
                Problem::NoBaseRate {
                    tariff: tariff.file.clone(),
                    class: raw.class.clone(),
                    plan: plan_id.clone(),
                },
            );
        }
        plans.push(plan);
    }
    Some(model::Table {
        class,
        category,
        sizes: raw.sizes.clone(),
        plans,
    })
}

fn check_table_sizes(
    raw: &raw::Table,
    class: usize,
    product: &model::Product,
    tariff: &model::Tariff,
    path: &str,
    report: &mut FileReport,
) {
    let class_def = &product.classes[class];
    match (&tariff.tables.size_tables[class], raw.sizes.is_empty()) {
        (None, false) => report.error(
            path,
            Problem::FlatClassHasSizes {
                class: class_def.id.clone(),
            },
        ),
        (Some(_), true) => report.error(
            path,
            Problem::NoSizesListed {
                class: class_def.id.clone(),
                measure: class_def
                    .size
                    .as_ref()
                    .map_or("size", |s| s.name.as_str())
                    .to_string(),
            },
        ),
        (Some(table), false) => {
            let (min, max) = table.range();
            for (k, size) in raw.sizes.iter().enumerate() {
                if *size < min || *size > max {
                    report.error(
                        &format!("{path}[{k}]"),
                        Problem::SizeOutsideTable {
                            size: *size,
                            min,
                            max,
                        },
                    );
                }
            }
        }
        (None, true) => {}
    }
}
