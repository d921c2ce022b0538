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
    let coverage_labels = raw
        .coverages
        .iter()
        .enumerate()
        .map(|(i, c)| model::CoverageLabels {
            heading: c
                .heading
                .clone()
                .unwrap_or_else(|| format!("{}{}", circled(i + 1), c.name)),
            deductible_heading: c.deductible_heading.clone(),
            limit_prefix: c.limit_prefix.clone(),
        })
        .collect();
    let labels = model::TableLabels {
        plan: raw.labels.plan.unwrap_or_else(|| "タイプ".into()),
        limits: raw.labels.limits.unwrap_or_else(|| "保険金額".into()),
        deductibles: match raw.labels.deductibles {
            Some(text) if text.is_empty() => None,
            Some(text) => Some(text),
            None => Some("自己負担額".into()),
        },
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
        labels,
        coverage_labels,
        tariffs: Vec::new(),
    }
}

/// ① for 1, ② for 2, … up to ⑳.
fn circled(n: usize) -> char {
    u32::try_from(n)
        .ok()
        .filter(|n| (1..=20).contains(n))
        .and_then(|n| char::from_u32(0x2460 + n - 1))
        .unwrap_or('・')
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
        label: raw.label.unwrap_or_else(|| raw.id.clone()),
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
    let tariff_ix = product.tariff_in_force(raw.period.start);
    if tariff_ix.is_none() && !product.tariffs.is_empty() {
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
    }
    let (discount_rates, badges, tables) = match tariff_ix.map(|t| &product.tariffs[t]) {
        Some(tariff) => priced_parts(&raw, product, tariff, report),
        None => {
            untariffed(&raw, product, report);
            (Vec::new(), Vec::new(), Vec::new())
        }
    };
    let sections = text::sections(raw.sections, report);
    let faq = text::faq(raw.faq, report);
    let documents = text::documents(raw.documents, &sections, &product.sections, report);
    let theme = raw.theme.map(|t| theme(t, report));
    let deadline_ids: Vec<&str> = raw.deadlines.iter().map(|d| d.id.as_str()).collect();
    let forms = text::forms(raw.forms, &deadline_ids, &raw.contacts, &sections, report);
    Some(model::Program {
        theme,
        forms,
        title: raw.title,
        audience: raw.audience,
        issued: raw.issued,
        document_code: raw.document_code,
        badges,
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
            era: raw.period.era,
            wording: raw.period.wording,
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

/// Checks a program's theme: colours written `#rrggbb`, the logo an asset.
fn theme(raw: raw::Theme, report: &mut FileReport) -> model::Theme {
    for (field, colour) in [("primary", &raw.primary), ("accent", &raw.accent)] {
        if let Some(colour) = colour
            && !text::is_colour(colour)
        {
            report.error(
                &format!("theme.{field}"),
                Problem::BadColour {
                    got: colour.clone(),
                },
            );
        }
    }
    model::Theme {
        logo: raw.logo.map(|logo| report.asset("theme.logo", &logo)),
        primary: raw.primary,
        accent: raw.accent,
    }
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

/// The discount rates, badges and premium tables of a program whose
/// product has a tariff in force.
fn priced_parts(
    raw: &raw::Program,
    product: &model::Product,
    tariff: &model::Tariff,
    report: &mut FileReport,
) -> (Vec<Decimal>, Vec<model::BadgeSpec>, Vec<model::Table>) {
    if raw.payment == model::Payment::Monthly && tariff.tables.installments.is_none() {
        report.error(
            "payment",
            Problem::MonthlyNeedsInstallments {
                tariff: tariff.file.clone(),
            },
        );
    }
    let discount_rates = discount_rates(&raw.discounts, tariff, report);
    let badges = badges(&raw.badges, tariff, &discount_rates, report);
    let tables = raw
        .tables
        .iter()
        .enumerate()
        .filter_map(|(i, t)| Some((i, table(t, i, product, tariff, report)?)))
        .collect::<Vec<_>>();
    check_distinct_tables(&tables, product, report);
    check_joined_tables(&tables, report);
    let tables = tables.into_iter().map(|(_, t)| t).collect();
    (discount_rates, badges, tables)
}

/// A program of a product without tariffs prices nothing: premium tables,
/// discounts and badges would have no tariff to come from.
fn untariffed(raw: &raw::Program, product: &model::Product, report: &mut FileReport) {
    if !raw.tables.is_empty() {
        report.error(
            "tables",
            Problem::NoTariff {
                product: product.id.clone(),
            },
        );
    }
    let none: [&str; 0] = [];
    for id in raw.discounts.keys() {
        report.error(
            &format!("discounts.{id}"),
            unknown(IdKind::Discount, id, &none[..]),
        );
    }
    for (i, b) in raw.badges.iter().enumerate() {
        report.error(
            &format!("badges[{i}].discount"),
            unknown(IdKind::Discount, &b.discount, &none[..]),
        );
    }
}

/// Resolves the badges' discounts; a badge for a discount the program
/// does not grant would print a rate of 0%.
fn badges(
    raw: &[raw::BadgeSpec],
    tariff: &model::Tariff,
    rates: &[Decimal],
    report: &mut FileReport,
) -> Vec<model::BadgeSpec> {
    raw.iter()
        .enumerate()
        .filter_map(|(i, b)| {
            let path = format!("badges[{i}].discount");
            let Some(d) = position(&tariff.discounts, &b.discount) else {
                report.error(
                    &path,
                    unknown(IdKind::Discount, &b.discount, &tariff.discounts),
                );
                return None;
            };
            if rates[d].is_zero() {
                report.error(
                    &path,
                    Problem::BadgeNotGranted {
                        discount: b.discount.clone(),
                    },
                );
                return None;
            }
            Some(model::BadgeSpec {
                discount: d,
                suffix: b.suffix.clone(),
            })
        })
        .collect()
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

/// A joined table adds columns to the previous one: both flat, with the
/// same plans in the same order.
fn check_joined_tables(tables: &[(usize, model::Table)], report: &mut FileReport) {
    for (k, (i, table)) in tables.iter().enumerate() {
        if !table.join {
            continue;
        }
        let fits = k > 0 && {
            let previous = &tables[k - 1].1;
            previous.sizes.is_empty() && table.sizes.is_empty() && previous.plans == table.plans
        };
        if !fits {
            report.error(&format!("tables[{i}].join"), Problem::JoinMismatch);
        }
    }
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
    let prose = |text: &Option<String>, field: &str| {
        text.clone()
            .map(|t| text::prose(t, format!("tables[{i}].{field}"), report))
    };
    Some(model::Table {
        class,
        category,
        sizes: raw.sizes.clone(),
        plans,
        title: prose(&raw.title, "title"),
        caption: prose(&raw.caption, "caption"),
        premium_header: prose(&raw.premium_header, "premium_header"),
        column: raw.column.clone(),
        join: raw.join,
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
