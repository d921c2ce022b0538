//! The language of what the tool says to people: English, or Japanese with
//! `--lang ja` or a Japanese locale (`LC_ALL`, `LC_MESSAGES`, `LANG`).
//!
//! Summaries and the framing of every error are written in both languages
//! here. Content problems are typed kinds (`content::Problem`) that render
//! their own English and Japanese through [`Localized`]; nothing here reads
//! a message's English to produce another language.

use std::sync::OnceLock;

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
/// A language the tool speaks.
pub enum Lang {
    /// English.
    En,
    /// Japanese (日本語).
    Ja,
}

/// Something the tool says to a person, written in every language it
/// speaks. Implementations match exhaustively on their kind once per
/// language, so a message that lacks a language does not compile, and
/// nothing is ever translated by looking at the English text.
pub trait Localized {
    /// The message in `lang`.
    fn localized(&self, lang: Lang) -> String;

    /// The message in the language of this process (see [`init`]).
    fn text(&self) -> String {
        self.localized(lang())
    }
}

static LANG: OnceLock<Lang> = OnceLock::new();

/// Sets the language for this process: the flag, else the locale.
pub fn init(flag: Option<Lang>) {
    let lang = flag.unwrap_or_else(|| from_locale(|name| std::env::var(name).ok()));
    let _ = LANG.set(lang);
}

/// The locale's language, by the POSIX precedence of its variables.
fn from_locale(var: impl Fn(&str) -> Option<String>) -> Lang {
    let locale = ["LC_ALL", "LC_MESSAGES", "LANG"]
        .into_iter()
        .find_map(|name| var(name).filter(|v| !v.is_empty()));
    match locale {
        Some(l) if l.starts_with("ja") => Lang::Ja,
        _ => Lang::En,
    }
}

/// The language of this process (English until [`init`] is called).
pub fn lang() -> Lang {
    LANG.get().copied().unwrap_or(Lang::En)
}

/// `error: …` / `エラー: …`: how every failure is introduced.
pub fn error_line(message: &str, lang: Lang) -> String {
    match lang {
        Lang::En => format!("error: {message}"),
        Lang::Ja => format!("エラー: {message}"),
    }
}

/// The closing line after content problems.
pub fn problems_found(count: usize, lang: Lang) -> String {
    match (lang, count) {
        (Lang::En, 1) => "1 problem found in the content; nothing was written".to_string(),
        (Lang::En, n) => format!("{n} problems found in the content; nothing was written"),
        (Lang::Ja, n) => format!("内容に{n}件の問題があります。何も書き出していません。"),
    }
}

/// What the tool tells a person when something went well, or is going on.
#[derive(Clone, Debug, PartialEq)]
pub enum Note {
    /// `check` found nothing wrong.
    CheckOk {
        /// Products loaded.
        products: usize,
        /// Programs loaded.
        programs: usize,
        /// Documents prepared.
        documents: usize,
        /// Premiums rated.
        cells: usize,
        /// Rows of expected-premium tables reproduced.
        expected: usize,
    },
    /// A build finished.
    Built {
        /// Documents typeset.
        built: usize,
        /// Documents up to date.
        current: usize,
        /// Files written.
        written: usize,
        /// Wall time in seconds.
        seconds: f64,
        /// The output folder.
        output: String,
    },
    /// Temporary files of an interrupted build were removed.
    RemovedTemporaries(usize),
    /// A build removed the PDF of a document no program lists any more.
    RemovedDocument(String),
    /// A build removed a rate export of a program the content no longer has.
    RemovedExport(String),
    /// `watch` is waiting for changes.
    Watching,
    /// `watch` goes on after a failed rebuild.
    StillWatching,
    /// `serve` is listening at this URL.
    Serving(String),
    /// `serve` stopped on Ctrl-C.
    ServeStopped,
    /// `watch` saw these files change.
    FilesChanged(Vec<String>),
    /// A file was written.
    Wrote(String),
    /// `context --members` wrote this many members' data into a folder.
    WroteMemberContexts {
        /// Members written.
        members: usize,
        /// The folder.
        dir: String,
    },
    /// `init` created a project.
    CreatedProject {
        /// The folder.
        dir: String,
        /// Files written.
        files: usize,
    },
    /// `new program` created a program file.
    CreatedProgram {
        /// The new file.
        file: String,
        /// The program copied.
        from: String,
        /// The new id.
        id: String,
    },
    /// `diff --visual` wrote this many pages into a folder.
    VisualPages {
        /// Pages written.
        pages: usize,
        /// The folder.
        dir: String,
    },
    /// `typesetting N documents` (with `--verbose`).
    Typesetting(usize),
    /// One document typeset (with `--verbose`).
    Typeset {
        /// `program/document`.
        name: String,
        /// Its pages.
        pages: usize,
        /// The PDF's size.
        kilobytes: usize,
        /// How long it took.
        millis: u128,
    },
}

impl Localized for Note {
    fn localized(&self, lang: Lang) -> String {
        match (self, lang) {
            (
                Note::CheckOk {
                    products,
                    programs,
                    documents,
                    cells,
                    expected,
                },
                Lang::En,
            ) => format!(
                "ok: {products} products, {programs} programs, {documents} documents, {cells} premiums checked{}",
                if *expected > 0 {
                    format!(", {expected} expected premiums reproduced")
                } else {
                    String::new()
                }
            ),
            (
                Note::CheckOk {
                    products,
                    programs,
                    documents,
                    cells,
                    expected,
                },
                Lang::Ja,
            ) => format!(
                "問題ありません: 商品{products}件、プログラム{programs}件、文書{documents}件、保険料{cells}件{}を確認しました",
                if *expected > 0 {
                    format!("、期待保険料{expected}件")
                } else {
                    String::new()
                }
            ),
            (
                Note::Built {
                    built,
                    current,
                    written,
                    seconds,
                    output,
                },
                Lang::En,
            ) => format!(
                "{built} built, {current} up to date; {written} files written in {seconds:.2} s → {output}"
            ),
            (
                Note::Built {
                    built,
                    current,
                    written,
                    seconds,
                    output,
                },
                Lang::Ja,
            ) => format!(
                "{built}件を作成、{current}件は変更なし。{written}ファイルを書き出しました（{seconds:.2}秒）→ {output}"
            ),
            (Note::RemovedTemporaries(n), Lang::En) => {
                format!("removed {n} temporary files an interrupted build left behind")
            }
            (Note::RemovedTemporaries(n), Lang::Ja) => {
                format!("中断されたビルドが残した一時ファイルを{n}件削除しました")
            }
            (Note::RemovedDocument(path), Lang::En) => {
                format!("removed {path}: no program lists this document any more")
            }
            (Note::RemovedDocument(path), Lang::Ja) => {
                format!("{path} を削除しました（この文書を挙げるプログラムがなくなりました）")
            }
            (Note::RemovedExport(path), Lang::En) => {
                format!("removed {path}: the content has no such program any more")
            }
            (Note::RemovedExport(path), Lang::Ja) => {
                format!("{path} を削除しました（このプログラムは内容にもうありません）")
            }
            (Note::Watching, Lang::En) => {
                "watching content/, templates/ and fonts/ (Ctrl-C to stop)".to_string()
            }
            (Note::Watching, Lang::Ja) => {
                "content/・templates/・fonts/ の変更を監視しています（Ctrl-C で終了）".to_string()
            }
            (Note::Serving(url), Lang::En) => {
                format!("serving {url} (rebuilding on every save; Ctrl-C to stop)")
            }
            (Note::Serving(url), Lang::Ja) => {
                format!("{url} で公開中です（保存のたびに再ビルド。Ctrl-C で終了）")
            }
            (Note::ServeStopped, Lang::En) => "stopped serving".to_string(),
            (Note::ServeStopped, Lang::Ja) => "公開を終了しました".to_string(),
            (Note::StillWatching, Lang::En) => "fix it and save again; still watching".to_string(),
            (Note::StillWatching, Lang::Ja) => {
                "修正して保存し直してください。監視を続けます".to_string()
            }
            (Note::FilesChanged(names), Lang::En) => format!("changed: {}", names.join(", ")),
            (Note::FilesChanged(names), Lang::Ja) => format!("変更: {}", names.join("、")),
            (Note::Wrote(file), Lang::En) => format!("wrote {file}"),
            (Note::Wrote(file), Lang::Ja) => format!("{file} を書き出しました"),
            (Note::WroteMemberContexts { members, dir }, Lang::En) => {
                format!("wrote the sheet data of {members} members to {dir}")
            }
            (Note::WroteMemberContexts { members, dir }, Lang::Ja) => {
                format!("{members}名分のシートのデータを {dir} に書き出しました")
            }
            (Note::CreatedProject { dir, files }, Lang::En) => format!(
                "created a tariffpress project in {dir} ({files} files); next: cd there and run `tariffpress build`"
            ),
            (Note::CreatedProject { dir, files }, Lang::Ja) => format!(
                "{dir} に tariffpress のプロジェクトを作りました（{files}ファイル）。次はそこで `tariffpress build` を実行してください"
            ),
            (Note::CreatedProgram { file, from, id }, Lang::En) => format!(
                "created {file} from {from}; edit it, then `tariffpress check` and `tariffpress build --only {id}`"
            ),
            (Note::CreatedProgram { file, from, id }, Lang::Ja) => format!(
                "{from} をもとに {file} を作りました。編集したら `tariffpress check` と `tariffpress build --only {id}` を実行してください"
            ),
            (Note::VisualPages { pages, dir }, Lang::En) => {
                format!("{pages} changed page(s) drawn side by side in {dir}")
            }
            (Note::VisualPages { pages, dir }, Lang::Ja) => {
                format!("変わった{pages}ページを新旧並べて {dir} に書き出しました")
            }
            (Note::Typesetting(n), Lang::En) => format!("typesetting {n} documents"),
            (Note::Typesetting(n), Lang::Ja) => format!("{n}件の文書を組版しています"),
            (
                Note::Typeset {
                    name,
                    pages,
                    kilobytes,
                    millis,
                },
                Lang::En,
            ) => {
                format!("  {name}.pdf: {pages} pages, {kilobytes} KB, {millis} ms")
            }
            (
                Note::Typeset {
                    name,
                    pages,
                    kilobytes,
                    millis,
                },
                Lang::Ja,
            ) => {
                format!("  {name}.pdf: {pages}ページ、{kilobytes} KB、{millis} ミリ秒")
            }
        }
    }
}

/// Prints a note on standard error in the user's language.
pub fn note(note: Note) {
    eprintln!("{}", note.text());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_locale_decides_when_no_flag_is_given() {
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |name: &str| {
                pairs
                    .iter()
                    .find(|(n, _)| *n == name)
                    .map(|(_, v)| v.to_string())
            }
        };
        assert_eq!(from_locale(env(&[("LANG", "ja_JP.UTF-8")])), Lang::Ja);
        assert_eq!(from_locale(env(&[("LANG", "C.UTF-8")])), Lang::En);
        assert_eq!(
            from_locale(env(&[("LC_ALL", "en_US.UTF-8"), ("LANG", "ja_JP.UTF-8")])),
            Lang::En
        );
        assert_eq!(
            from_locale(env(&[("LC_ALL", ""), ("LANG", "ja_JP.UTF-8")])),
            Lang::Ja
        );
    }
}
