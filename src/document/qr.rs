//! QR codes drawn by the tool: a URL encoded with the `qrcode` crate and
//! written as an SVG of filled modules, which Typst places as vector
//! graphics (sharp at any size, a few hundred bytes in the PDF).

use qrcode::render::svg;
use qrcode::{EcLevel, QrCode};

/// The QR code of `url` as SVG: one unit per module, black on white, with
/// the four-module quiet zone readers need. Level M survives the smudges
/// of print. `None` only for data too long for any QR code, which
/// validation rules out (a `qr` URL is at most 1,000 bytes).
pub fn svg(url: &str) -> Option<String> {
    let code = QrCode::with_error_correction_level(url.as_bytes(), EcLevel::M).ok()?;
    Some(
        code.render::<svg::Color>()
            .module_dimensions(1, 1)
            .quiet_zone(true)
            .build(),
    )
}

#[cfg(test)]
mod tests {
    #[test]
    fn draws_a_vector_code_with_its_quiet_zone() {
        let svg = super::svg("https://example.com/").unwrap();
        assert!(svg.contains("<path"), "{svg}");
        assert!(svg.contains(r#"viewBox="0 0 33 33""#), "{svg}");
        assert_eq!(svg, super::svg("https://example.com/").unwrap());
    }
}
