//! The integration tests of tariffpress: one test binary (linked once), one
//! module per feature, and one set of helpers in `support/`.
//!
//! # Which project a test runs on
//!
//! The sample content under `content/` is the product and will be rewritten;
//! a test pinned to its lines would break for no fault of the code. So:
//!
//! - **A test that is not about the sample content runs on the fixture
//!   project**, `tests/fixtures/project/content/` (a frozen copy of the
//!   sample content as it was; templates and fonts still come from the
//!   repository): through [`support::project`], a scratch copy to edit and
//!   build in. The bad-input corpus, `invalid`, `diff`, `incremental`,
//!   `roll`, `quote`, `explain`, `lang`, `kill_safety`, `watch`,
//!   `tariff_versions`, `build`'s guards and the snapshots do. Change the
//!   fixture only on purpose, with the tests that read it.
//! - **A test about the sample content runs on the real project**
//!   ([`support::repo_root`], or [`support::sample_project`] to edit a
//!   copy): the golden seed premiums (`tests/fixtures/seed_premiums.csv`,
//!   in `golden` and `build`), `init` and `new program`, the example CI
//!   `workflow`, the year-over-year `lineage` (roll then diff), and `schema` (the committed schemas are current and the
//!   shipped files validate against them).
//!
//! # Running the binary
//!
//! Always through `support` ([`support::run`], [`support::build`],
//! [`support::tariffpress`] for spawned processes): it pins `LANG=C.UTF-8`,
//! removes `LC_ALL`, `LC_MESSAGES` and `SOURCE_DATE_EPOCH`, so the results
//! do not depend on the machine.
//!
//! # Snapshots
//!
//! `snapshots.rs` pins the CLI's text, CSV and Markdown with `insta`; the
//! files are under `snapshots/`. A changed output fails the test (in CI,
//! where `CI=true`, nothing is written; elsewhere a `.snap.new` is written
//! beside the snapshot). After an intended change, review and accept with
//! `cargo insta review` (or `INSTA_UPDATE=always cargo test` and read the
//! `git diff`), never by editing a test to accept.
//!
//! # Programs the tests need
//!
//! `pdftotext`, `pdfinfo`, `pdftoppm` (poppler-utils), `qpdf`,
//! `zbarimg` (zbar-tools), and `chromium` and `chromedriver`
//! (chromium-driver) for `serve_browser`; `scripts/test` installs them
//! where missing and runs this suite.

mod support;

mod blocks;
mod build;
mod diff;
mod explain;
mod fidelity;
mod golden;
mod incremental;
mod init;
mod invalid;
mod invalid_corpus;
mod kill_safety;
mod lang;
mod lineage;
mod members;
mod prose_dates;
mod quote;
mod roll;
mod schema;
mod serve;
mod serve_browser;
mod snapshots;
mod tariff_versions;
mod watch;
mod workflow;
mod xlsx;
