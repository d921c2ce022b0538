//! Writing outputs so that a failed or killed build never leaves a partial
//! file: write a temporary file beside the target, flush it to disk, then
//! rename it over the target in one step.

use std::fs;
use std::io::Write;
use std::path::Path;

/// Prefix and suffix of the temporary files, so that a later build can
/// recognise and remove those a killed build left behind.
const TEMP_PREFIX: &str = ".tp-";
const TEMP_SUFFIX: &str = ".tmp";

/// Writes `bytes` to `path` atomically, creating parent folders.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    fs::create_dir_all(dir)?;
    let mut tmp = tempfile::Builder::new()
        .prefix(TEMP_PREFIX)
        .suffix(TEMP_SUFFIX)
        .tempfile_in(dir)?;
    tmp.write_all(bytes)?;
    readable_by_all(tmp.as_file())?;
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// Temporary files are created private (0600); outputs are documents for
/// everyone on the machine, like any file a program writes (0644).
#[cfg(unix)]
fn readable_by_all(file: &fs::File) -> std::io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    file.set_permissions(fs::Permissions::from_mode(0o644))
}

#[cfg(not(unix))]
fn readable_by_all(_file: &fs::File) -> std::io::Result<()> {
    Ok(())
}

/// Removes temporary files a killed build left in `output` (two levels:
/// the folder and its program folders); returns how many.
pub fn remove_stale_temporaries(output: &Path) -> usize {
    walkdir::WalkDir::new(output)
        .max_depth(2)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .filter(|e| {
            let name = e.file_name().to_string_lossy();
            name.starts_with(TEMP_PREFIX) && name.ends_with(TEMP_SUFFIX)
        })
        .filter(|e| fs::remove_file(e.path()).is_ok())
        .count()
}

/// Removes the page previews of `pdf` (`<document>-<page>.png` beside it)
/// numbered above `pages`: after a document gets shorter, a preview of a
/// page it no longer has would show content that is not in the PDF.
/// Returns how many were removed.
pub fn remove_previews_beyond(output: &Path, pdf: &Path, pages: usize) -> usize {
    let Some(stem) = pdf.file_stem().map(|s| s.to_string_lossy().into_owned()) else {
        return 0;
    };
    let dir = output.join(pdf.parent().unwrap_or(Path::new("")));
    (pages + 1..)
        .map(|page| dir.join(format!("{stem}-{page}.png")))
        .take_while(|png| fs::remove_file(png).is_ok())
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn previews_of_pages_the_document_no_longer_has_are_removed() {
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir_all(dir.path().join("p")).unwrap();
        for page in 1..=4 {
            fs::write(dir.path().join(format!("p/flyer-{page}.png")), b"png").unwrap();
        }
        fs::write(dir.path().join("p/flyer-extra.png"), b"not a page").unwrap();
        let pdf = Path::new("p/flyer.pdf");
        assert_eq!(remove_previews_beyond(dir.path(), pdf, 2), 2);
        assert!(dir.path().join("p/flyer-2.png").exists());
        assert!(!dir.path().join("p/flyer-3.png").exists());
        assert!(!dir.path().join("p/flyer-4.png").exists());
        assert!(dir.path().join("p/flyer-extra.png").exists());
        assert_eq!(remove_previews_beyond(dir.path(), pdf, 2), 0);
    }

    #[test]
    fn replaces_the_file_and_leaves_no_temporary() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("out/a.pdf");
        write_atomic(&target, b"old").unwrap();
        write_atomic(&target, b"new").unwrap();
        assert_eq!(fs::read(&target).unwrap(), b"new");
        let names: Vec<_> = fs::read_dir(dir.path().join("out"))
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names.len(), 1, "{names:?}");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = fs::metadata(&target).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o644);
        }
    }

    #[test]
    fn stale_temporaries_are_removed_and_nothing_else() {
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir_all(dir.path().join("p")).unwrap();
        fs::write(dir.path().join("p/.tp-abc.tmp"), b"half a PDF").unwrap();
        fs::write(dir.path().join(".tp-def.tmp"), b"half a manifest").unwrap();
        fs::write(dir.path().join("p/a.pdf"), b"whole").unwrap();
        assert_eq!(remove_stale_temporaries(dir.path()), 2);
        assert!(dir.path().join("p/a.pdf").exists());
        assert_eq!(remove_stale_temporaries(dir.path()), 0);
    }
}
