//! The language of what the tool says to people: English, or Japanese with
//! `--lang ja` or a Japanese locale (`LC_ALL`, `LC_MESSAGES`, `LANG`).
//!
//! Summaries and the framing of every error are written in both languages
//! here. Content problems are produced in English by the validators and
//! translated here by their shape, so the two cannot drift apart silently:
//! a message without a Japanese form is shown in English, never dropped.

use crate::content::Diagnostic;
use std::sync::OnceLock;

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Lang {
    En,
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
    /// `watch` is waiting for changes.
    Watching,
    /// `watch` goes on after a failed rebuild.
    StillWatching,
    /// `watch` saw these files change.
    FilesChanged(Vec<String>),
    /// A file was written.
    Wrote(String),
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
                },
                Lang::En,
            ) => format!(
                "ok: {products} products, {programs} programs, {documents} documents, {cells} premiums checked"
            ),
            (
                Note::CheckOk {
                    products,
                    programs,
                    documents,
                    cells,
                },
                Lang::Ja,
            ) => format!(
                "問題ありません: 商品{products}件、プログラム{programs}件、文書{documents}件、保険料{cells}件を確認しました"
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
            (Note::Watching, Lang::En) => {
                "watching content/, templates/ and fonts/ (Ctrl-C to stop)".to_string()
            }
            (Note::Watching, Lang::Ja) => {
                "content/・templates/・fonts/ の変更を監視しています（Ctrl-C で終了）".to_string()
            }
            (Note::StillWatching, Lang::En) => "fix it and save again; still watching".to_string(),
            (Note::StillWatching, Lang::Ja) => {
                "修正して保存し直してください。監視を続けます".to_string()
            }
            (Note::FilesChanged(names), Lang::En) => format!("changed: {}", names.join(", ")),
            (Note::FilesChanged(names), Lang::Ja) => format!("変更: {}", names.join("、")),
            (Note::Wrote(file), Lang::En) => format!("wrote {file}"),
            (Note::Wrote(file), Lang::Ja) => format!("{file} を書き出しました"),
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
        }
    }
}

/// Prints a note on standard error in the user's language.
pub fn note(note: Note) {
    eprintln!("{}", note.text());
}

/// A content problem as one line: `file:line:col: error at `path`: …`.
pub fn diagnostic(d: &Diagnostic) -> String {
    let mut out = d.file.display().to_string();
    if d.line > 0 {
        out.push_str(&format!(":{}:{}", d.line, d.column));
    }
    match (lang(), d.path.is_empty()) {
        (Lang::En, _) => return d.to_string(),
        (Lang::Ja, true) => out.push_str(": エラー"),
        (Lang::Ja, false) => out.push_str(&format!(": エラー（項目 `{}`）", d.path)),
    }
    out.push_str(&format!(": {}", translate(&d.message)));
    out
}

/// The Japanese form of a validator's or parser's message, by its shape;
/// the message itself when it has none yet.
pub fn translate(message: &str) -> String {
    let between = |from: &str, to: &str| -> Option<(String, String)> {
        let rest = message.strip_prefix(from)?;
        let (a, b) = rest.split_once(to)?;
        Some((a.to_string(), b.to_string()))
    };
    if let Some((field, expected)) = between("unknown field `", "`, expected ") {
        let expected = expected.trim_start_matches("one of ");
        return format!("`{field}` という項目はありません（使える項目: {expected}）");
    }
    if let Some((field, _)) = between("missing field `", "`") {
        return format!("必須の項目 `{field}` がありません");
    }
    if let Some((id, _)) = between("duplicate id `", "`") {
        return format!("ID `{id}` が重複しています");
    }
    let unknown_id = message
        .strip_prefix("unknown ")
        .and_then(|rest| rest.split_once(" `"))
        .and_then(|(what, rest)| Some((what, rest.split_once("`; expected one of: ")?)));
    if let Some((what, (id, known))) = unknown_id {
        return format!(
            "{} `{id}` は定義されていません（定義済み: {known}）",
            noun(what)
        );
    }
    if let Some((got, _)) = between("expected an existing date written YYYY-MM-DD, got `", "`") {
        return format!(
            "日付は YYYY-MM-DD 形式の実在する日付で書いてください（`{got}` と書かれています）"
        );
    }
    if let Some((what, got)) = message.split_once(" must be greater than zero, got ") {
        return format!("{what} は0より大きい値にしてください（{got} と書かれています）");
    }
    if let Some((literal, rest)) =
        between("the text contains `", "`, a value the data holds; write ")
    {
        let placeholder = rest.trim_end_matches(" instead so it follows the data");
        return format!(
            "本文に `{literal}` がそのまま書かれています。データの変更に追従するよう {placeholder} と書いてください"
        );
    }
    if let Some(rest) = message.strip_prefix("in prose template: ") {
        return format!("本文のテンプレートの誤り: {rest}");
    }
    message.to_string()
}

/// Japanese names of the things `unknown …` messages name.
fn noun(what: &str) -> &str {
    match what {
        "class" => "施設区分",
        "plan" => "プラン",
        "category" => "病床区分",
        "coverage" => "補償",
        "discount" => "割引",
        "product" => "商品",
        "section" => "セクション",
        other => other,
    }
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

    #[test]
    fn validator_messages_have_japanese_forms() {
        assert_eq!(
            translate("unknown plan `H9`; expected one of: H1, H2"),
            "プラン `H9` は定義されていません（定義済み: H1, H2）"
        );
        assert_eq!(
            translate("missing field `title`"),
            "必須の項目 `title` がありません"
        );
        assert_eq!(
            translate("unknown field `colour`, expected one of `id`, `product`"),
            "`colour` という項目はありません（使える項目: `id`, `product`）"
        );
        assert_eq!(translate("something new"), "something new");
    }
}
