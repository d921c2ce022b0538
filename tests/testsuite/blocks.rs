//! The design blocks in print: the QR code decodes back (zbarimg) to its
//! URL, printed URLs, phones and e-mail addresses are live link
//! annotations, an edited picture rebuilds the documents printing it, and
//! a theme changes only its own program's PDFs.

use crate::support::{arg, build, project, replace, sample_project, success, text};
use std::collections::BTreeSet;
use std::path::Path;
use std::process::Command;

/// Seed 001 §11: Tokio Cyber Port, "下記URLまたは二次元コードから".
const TOKIO_CYBER_PORT: &str = "https://tokiocyberport.tokiomarine-nichido.co.jp/cybersecurity/s/";

/// Every `/URI` of a link annotation in the PDF.
fn link_targets(pdf: &Path) -> BTreeSet<String> {
    let doc = lopdf::Document::load(pdf).expect("a PDF lopdf reads");
    let mut out = BTreeSet::new();
    for (_, page) in doc.get_pages() {
        for annot in doc.get_page_annotations(page).unwrap_or_default() {
            let is_link = annot
                .get(b"Subtype")
                .and_then(|s| s.as_name())
                .is_ok_and(|s| s == b"Link");
            let uri = annot
                .get(b"A")
                .and_then(|a| match a {
                    lopdf::Object::Reference(id) => doc.get_dictionary(*id),
                    other => other.as_dict(),
                })
                .and_then(|a| a.get(b"URI"))
                .and_then(|u| u.as_str());
            if let (true, Ok(uri)) = (is_link, uri) {
                out.insert(String::from_utf8_lossy(uri).into_owned());
            }
        }
    }
    out
}

/// The 1-based pages whose text holds `needle`.
fn pages_with(pdf: &Path, needle: &str) -> Vec<usize> {
    let out = Command::new("pdftotext")
        .args([arg(pdf), "-"])
        .output()
        .expect("pdftotext (poppler-utils) is installed; scripts/test installs it");
    text(&out.stdout)
        .split('\u{c}')
        .enumerate()
        .filter(|(_, page)| page.contains(needle))
        .map(|(i, _)| i + 1)
        .collect()
}

/// The codes zbarimg reads from page `page` of `pdf` rendered at 150 dpi.
fn decode_qr(pdf: &Path, page: usize, scratch: &Path) -> Vec<String> {
    let prefix = scratch.join("page");
    let page = page.to_string();
    let status = Command::new("pdftoppm")
        .args(["-png", "-r", "150", "-singlefile", "-f", &page, "-l", &page])
        .args([arg(pdf), arg(&prefix)])
        .status()
        .expect("pdftoppm (poppler-utils) is installed; scripts/test installs it");
    assert!(status.success(), "pdftoppm");
    let out = Command::new("zbarimg")
        .args(["--quiet", "--raw"])
        .arg(prefix.with_extension("png"))
        .output()
        .expect("zbarimg (zbar-tools) is installed; scripts/test installs it");
    // zbarimg exits 4 when the page holds no code.
    text(&out.stdout).lines().map(str::to_string).collect()
}

#[test]
fn the_pamphlet_qr_code_decodes_to_the_seed_url_and_contacts_are_links() {
    let project = sample_project();
    let root = project.path();
    success(build(root, &["--only", "miyazaki-2025"]));
    let pdf = root.join("output/miyazaki-2025/pamphlet.pdf");
    let codes: Vec<String> = pages_with(&pdf, TOKIO_CYBER_PORT)
        .into_iter()
        .flat_map(|page| decode_qr(&pdf, page, root))
        .collect();
    assert_eq!(codes, [TOKIO_CYBER_PORT], "the pamphlet's one QR code");

    let links = link_targets(&pdf);
    for expected in [
        TOKIO_CYBER_PORT,
        "https://www.med.or.jp/doctor/sys/cybersecurity/001566.html",
        "https://www.sompo-japan.co.jp/",
        "https://www.sonpo.or.jp/",
        // The contacts (agent, insurer, incident desk) and phones in prose.
        "tel:0985239100",
        "tel:05037981930",
        "tel:0120318258",
        "tel:0120179066",
        "tel:0339426135",
        "mailto:josys@po.med.or.jp",
    ] {
        assert!(
            links.contains(expected),
            "no link to {expected} in {links:#?}"
        );
    }
}

const SVG: &str = r##"<svg xmlns="http://www.w3.org/2000/svg" width="40" height="10"><rect width="40" height="10" fill="#1f3a68"/></svg>"##;

const KAGOSHIMA: &str = "content/programs/kagoshima-2025.yaml";

/// Puts an image of `content/assets/band.svg` at the top of the
/// Kagoshima flyer's first section.
fn add_picture(root: &Path) {
    std::fs::create_dir_all(root.join("content/assets")).unwrap();
    std::fs::write(root.join("content/assets/band.svg"), SVG).unwrap();
    replace(
        root,
        KAGOSHIMA,
        "    blocks:\n      - text: >-\n          電子カルテ等",
        "    blocks:\n      - image: { file: band.svg, width: 40, caption: 図 }\n      - text: >-\n          電子カルテ等",
    );
}

fn summary(stderr: &[u8]) -> String {
    text(stderr)
        .lines()
        .find(|l| l.contains(" up to date;"))
        .unwrap_or_default()
        .to_string()
}

#[test]
fn an_edited_picture_rebuilds_the_document_that_prints_it() {
    let project = project();
    let root = project.path();
    add_picture(root);
    success(build(root, &[]));
    let flyer = root.join("output/kagoshima-2025/flyer.pdf");
    let before = std::fs::read(&flyer).unwrap();
    std::fs::write(
        root.join("content/assets/band.svg"),
        SVG.replace("#1f3a68", "#d9480f"),
    )
    .unwrap();
    let again = success(build(root, &[]));
    assert!(
        summary(&again.stderr).starts_with("1 built, 11 up to date"),
        "{}",
        text(&again.stderr)
    );
    assert_ne!(std::fs::read(&flyer).unwrap(), before);
}

#[test]
fn a_theme_changes_its_own_program_only() {
    let plain = project();
    success(build(plain.path(), &[]));
    let themed = project();
    let root = themed.path();
    replace(
        root,
        KAGOSHIMA,
        "sections:\n  - id: intro\n",
        "theme: { primary: \"#0b6e4f\", accent: \"#c2185b\" }\nsections:\n  - id: intro\n",
    );
    success(build(root, &[]));
    for program in ["kagoshima-2025", "miyazaki-2025", "standard"] {
        for entry in std::fs::read_dir(plain.path().join("output").join(program)).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_none_or(|e| e != "pdf") {
                continue;
            }
            let name = path.file_name().unwrap();
            let same = std::fs::read(&path).unwrap()
                == std::fs::read(root.join("output").join(program).join(name)).unwrap();
            assert_eq!(
                same,
                program != "kagoshima-2025",
                "{program}/{}: a theme must change its program's PDFs and no other",
                name.to_string_lossy()
            );
        }
    }
}
