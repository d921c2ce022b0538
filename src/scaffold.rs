//! The files `tariffpress init` writes: a project that builds at once —
//! the templates, the fonts (with their licence), the schemas (of the
//! content files and of the template data), the example CI workflow, and
//! one product, tariff and program to start from (the standard cyber
//! scheme, with its expected-premium table). Embedded in the binary so that an installed
//! tool needs nothing else.

/// `(path in the new project, bytes)`.
pub const FILES: &[(&str, &[u8])] = &[
    (
        "templates/style.typ",
        include_bytes!("../templates/style.typ"),
    ),
    (
        "templates/theme.typ",
        include_bytes!("../templates/theme.typ"),
    ),
    (
        "templates/blocks.typ",
        include_bytes!("../templates/blocks.typ"),
    ),
    (
        "templates/pamphlet.typ",
        include_bytes!("../templates/pamphlet.typ"),
    ),
    (
        "templates/flyer.typ",
        include_bytes!("../templates/flyer.typ"),
    ),
    (
        "templates/rate-sheet.typ",
        include_bytes!("../templates/rate-sheet.typ"),
    ),
    ("templates/faq.typ", include_bytes!("../templates/faq.typ")),
    (
        "templates/quote.typ",
        include_bytes!("../templates/quote.typ"),
    ),
    (
        "templates/sheets.typ",
        include_bytes!("../templates/sheets.typ"),
    ),
    (
        "templates/members.typ",
        include_bytes!("../templates/members.typ"),
    ),
    (
        "templates/diff.typ",
        include_bytes!("../templates/diff.typ"),
    ),
    (
        "fonts/NotoSansJP-Regular.ttf",
        include_bytes!("../fonts/NotoSansJP-Regular.ttf"),
    ),
    (
        "fonts/NotoSansJP-Bold.ttf",
        include_bytes!("../fonts/NotoSansJP-Bold.ttf"),
    ),
    ("fonts/OFL.txt", include_bytes!("../fonts/OFL.txt")),
    ("fonts/README.md", include_bytes!("../fonts/README.md")),
    (
        "schemas/product.schema.json",
        include_bytes!("../schemas/product.schema.json"),
    ),
    (
        "schemas/tariff.schema.json",
        include_bytes!("../schemas/tariff.schema.json"),
    ),
    (
        "schemas/program.schema.json",
        include_bytes!("../schemas/program.schema.json"),
    ),
    // The data the templates read, for whoever edits them.
    (
        "schemas/document.schema.json",
        include_bytes!("../schemas/document.schema.json"),
    ),
    (
        "schemas/quote.schema.json",
        include_bytes!("../schemas/quote.schema.json"),
    ),
    (
        "schemas/members.schema.json",
        include_bytes!("../schemas/members.schema.json"),
    ),
    (
        "schemas/diff.schema.json",
        include_bytes!("../schemas/diff.schema.json"),
    ),
    (
        "content/products/cyber/product.yaml",
        include_bytes!("../content/products/cyber/product.yaml"),
    ),
    (
        "content/products/cyber/tariffs/2024-04-01.yaml",
        include_bytes!("../content/products/cyber/tariffs/2024-04-01.yaml"),
    ),
    // The insurer's published figures for the standard program, so a new
    // project shows at once how `check` holds the tariff to them.
    (
        "content/products/cyber/expected/standard.csv",
        include_bytes!("../content/products/cyber/expected/standard.csv"),
    ),
    (
        "content/programs/standard.yaml",
        include_bytes!("../content/programs/standard.yaml"),
    ),
    (
        ".github/workflows/brochures.yml",
        include_bytes!("../.github/workflows/brochures.yml"),
    ),
    (".gitignore", b"output/\n"),
];
