//! Our Typst `World`, modelled on typst-cli's `SystemWorld` but sandboxed:
//!
//! - templates may read files only inside the project's `templates/`
//!   folder; a path that leaves it, lexically (`..`) or through a symlink,
//!   is refused with a message saying so;
//! - Typst packages are refused (vendor them under `templates/` instead), so
//!   a build never touches the network;
//! - fonts come from `fonts/` only (see [`super::fonts`]);
//! - `today` is fixed, so `datetime.today()` cannot make output differ;
//! - the document's data is served from memory at `/data.json`, the
//!   rates it prints at `/rates.json` (attached to the PDF), its theme at
//!   `/theme.json`, and the
//!   pictures it prints at `/assets/<file>` (read and checked by the
//!   content loader inside `content/assets/`, never read from disk here).
//!
//! A [`Project`] holds what every document shares (library, fonts, parsed
//! templates) and lives for a whole build or watch session; a
//! [`DocumentWorld`] borrows it and adds one document's main file and data.

use super::fonts::project_fonts;
use std::fs;
use std::path::{Path, PathBuf};
use typst::diag::{FileError, FileResult};
use typst::ecow::eco_format;
use typst::foundations::{Bytes, Datetime, Duration};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};
use typst_kit::diagnostics::DiagnosticWorld;
use typst_kit::files::{FileLoader, FileStore};
use typst_kit::fonts::FontStore;

/// Where a template finds its document's data (see `templates/style.typ`).
pub const DATA_PATH: &str = "/data.json";
/// Where a template finds the `rates.json` it attaches to the PDF.
pub const RATES_PATH: &str = "/rates.json";
/// Where `templates/theme.typ` finds the program's theme (`null` for the
/// house look). A file of its own, not a read of `/data.json`: the
/// module every template imports then depends only on the theme, so a
/// premium change leaves its evaluation cached.
pub const THEME_PATH: &str = "/theme.json";

/// Files a document reads from memory rather than from `templates/`.
pub struct MemoryFiles {
    /// Served at [`DATA_PATH`].
    pub data: Vec<u8>,
    /// Served at [`RATES_PATH`].
    pub rates: Vec<u8>,
    /// Served at [`THEME_PATH`]: the program's theme as JSON, or `null`.
    pub theme: Vec<u8>,
    /// Served at `/assets/<file>` each.
    pub assets: Vec<crate::content::asset::Asset>,
}

/// What every document of a project shares.
pub struct Project {
    library: LazyHash<Library>,
    fonts: FontStore,
    files: FileStore<TemplateLoader>,
    /// Page PNGs by page, reused across the builds of a watch or serve
    /// session.
    previews: super::preview::PreviewCache,
}

impl Project {
    /// Opens the project at `root`: its `templates/` and `fonts/` folders.
    pub fn open(root: &Path) -> Result<Self, super::RenderError> {
        let folder = |path: PathBuf| {
            path.canonicalize()
                .map_err(|source| super::RenderError::Folder { path, source })
        };
        let root = folder(root.to_path_buf())?;
        let templates = folder(root.join("templates"))?;
        Ok(Self {
            library: LazyHash::new(Library::builder().build()),
            fonts: project_fonts(&root.join("fonts"))?,
            files: FileStore::new(TemplateLoader { root, templates }),
            previews: Default::default(),
        })
    }

    /// Marks every template file stale so that the next compilation reads
    /// edits from disk (unchanged files keep their parsed form).
    pub fn reset(&mut self) {
        self.files.reset();
    }

    /// A world that compiles `templates/<template>.typ` with `files` served
    /// from memory and `today` fixed to `today`.
    pub fn document(
        &self,
        template: &str,
        files: MemoryFiles,
        today: Datetime,
    ) -> DocumentWorld<'_> {
        DocumentWorld {
            project: self,
            main: project_file(&format!("/templates/{template}.typ")),
            memory: [
                (project_file(DATA_PATH), Bytes::new(files.data)),
                (project_file(RATES_PATH), Bytes::new(files.rates)),
                (project_file(THEME_PATH), Bytes::new(files.theme)),
            ]
            .into_iter()
            .chain(files.assets.into_iter().filter_map(|asset| {
                let vpath = VirtualPath::new(asset.virtual_path()).ok()?;
                let id = FileId::new(RootedPath::new(VirtualRoot::Project, vpath));
                Some((id, Bytes::new(asset.bytes)))
            }))
            .collect(),
            today,
        }
    }
}

fn project_file(path: &str) -> FileId {
    let vpath = VirtualPath::new(path).expect("a constant virtual path is valid");
    FileId::new(RootedPath::new(VirtualRoot::Project, vpath))
}

/// Loads project files for Typst, refusing anything outside `templates/`.
struct TemplateLoader {
    /// The canonical project folder: the root of Typst's virtual paths.
    root: PathBuf,
    /// The canonical templates folder, the only place files may come from.
    templates: PathBuf,
}

impl FileLoader for TemplateLoader {
    fn load(&self, id: FileId) -> FileResult<Bytes> {
        let rooted = id.get();
        if let VirtualRoot::Package(spec) = rooted.root() {
            return Err(FileError::Other(Some(eco_format!(
                "package {spec} refused: tariffpress builds offline and uses no Typst packages; \
                 copy the files you need under templates/ and import them by path"
            ))));
        }
        let shown = rooted.vpath().get_with_slash();
        let path = rooted.vpath().realize(&self.root)?;
        let real = path
            .canonicalize()
            .map_err(|e| FileError::from_io(e, &path))?;
        if !real.starts_with(&self.templates) {
            return Err(FileError::Other(Some(eco_format!(
                "{shown} is outside templates/ (it resolves to {}): templates may only read \
                 files inside the project's templates folder",
                real.display()
            ))));
        }
        if real.is_dir() {
            return Err(FileError::IsDirectory);
        }
        fs::read(&real)
            .map(Bytes::new)
            .map_err(|e| FileError::from_io(e, &real))
    }
}

/// One document's view of the project.
pub struct DocumentWorld<'a> {
    project: &'a Project,
    main: FileId,
    /// Files served from memory: the data, the rates and the assets.
    memory: Vec<(FileId, Bytes)>,
    today: Datetime,
}

impl DocumentWorld<'_> {
    /// The project's cache of page previews.
    pub(super) fn previews(&self) -> &super::preview::PreviewCache {
        &self.project.previews
    }

    /// The canonical project folder.
    pub fn project_root(&self) -> &Path {
        &self.project.files.loader().root
    }

    fn in_memory(&self, id: FileId) -> Option<&Bytes> {
        self.memory.iter().find(|(m, _)| *m == id).map(|(_, b)| b)
    }
}

impl World for DocumentWorld<'_> {
    fn library(&self) -> &LazyHash<Library> {
        &self.project.library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        self.project.fonts.book()
    }

    fn main(&self) -> FileId {
        self.main
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if self.in_memory(id).is_some() {
            return Err(FileError::NotSource);
        }
        self.project.files.source(id)
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if let Some(bytes) = self.in_memory(id) {
            return Ok(bytes.clone());
        }
        self.project.files.file(id)
    }

    fn font(&self, index: usize) -> Option<Font> {
        self.project.fonts.font(index)
    }

    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        Some(self.today)
    }
}

impl DiagnosticWorld for DocumentWorld<'_> {
    /// Names files as the user sees them: relative to the project folder.
    fn name(&self, id: FileId) -> String {
        id.vpath().get_without_slash().to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scratch() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir_all(dir.path().join("templates/lib")).unwrap();
        fs::create_dir_all(dir.path().join("content")).unwrap();
        fs::write(dir.path().join("templates/lib/a.typ"), "A").unwrap();
        fs::write(dir.path().join("content/secret.yaml"), "S").unwrap();
        dir
    }

    fn loader(dir: &Path) -> TemplateLoader {
        let root = dir.canonicalize().unwrap();
        TemplateLoader {
            templates: root.join("templates"),
            root,
        }
    }

    #[test]
    fn reads_templates() {
        let dir = scratch();
        let bytes = loader(dir.path())
            .load(project_file("/templates/lib/a.typ"))
            .unwrap();
        assert_eq!(bytes.as_slice(), b"A");
    }

    #[test]
    fn refuses_files_outside_templates() {
        let dir = scratch();
        let err = loader(dir.path())
            .load(project_file("/content/secret.yaml"))
            .unwrap_err();
        assert!(err.to_string().contains("outside templates/"), "{err}");
    }

    #[cfg(unix)]
    #[test]
    fn refuses_a_symlink_that_leaves_templates() {
        let dir = scratch();
        std::os::unix::fs::symlink(
            dir.path().join("content/secret.yaml"),
            dir.path().join("templates/link.yaml"),
        )
        .unwrap();
        let err = loader(dir.path())
            .load(project_file("/templates/link.yaml"))
            .unwrap_err();
        assert!(err.to_string().contains("outside templates/"), "{err}");
    }

    #[test]
    fn refuses_packages() {
        let dir = scratch();
        let spec = "@preview/example:0.1.0".parse().unwrap();
        let id = FileId::new(RootedPath::new(
            VirtualRoot::Package(spec),
            VirtualPath::new("/lib.typ").unwrap(),
        ));
        let err = loader(dir.path()).load(id).unwrap_err();
        assert!(err.to_string().contains("refused"), "{err}");
    }
}
