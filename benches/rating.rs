//! Throughput of the rating core on the shipped content: one premium, and
//! every table of every program.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;
use std::path::Path;
use tariffpress::content;
use tariffpress::rates::{program_cells, quote, table_cases};

fn bench(c: &mut Criterion) {
    let catalog =
        content::load(Path::new(env!("CARGO_MANIFEST_DIR"))).expect("shipped content is valid");
    let program = catalog.program("personal-info").expect("program");
    let cases: Vec<_> = program.tables.iter().flat_map(table_cases).collect();

    let mut group = c.benchmark_group("rating");
    group.throughput(Throughput::Elements(cases.len() as u64));
    group.bench_function("personal-info cells (quote with worksheet)", |b| {
        b.iter(|| {
            for case in &cases {
                black_box(quote(&catalog, program, black_box(case)).expect("priced"));
            }
        })
    });
    let all: usize = catalog
        .programs
        .iter()
        .map(|p| program_cells(&catalog, p).expect("priced").len())
        .sum();
    group.throughput(Throughput::Elements(all as u64));
    group.bench_function("every table of every program", |b| {
        b.iter(|| {
            for program in &catalog.programs {
                black_box(program_cells(&catalog, program).expect("priced"));
            }
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
