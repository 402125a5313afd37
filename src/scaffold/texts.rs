//! The words of the scaffold in each language it is written in. Other languages get the English
//! text, to translate: the structure (headings, figures, links) is the same in every language,
//! so `check --strict` finds the translations in step.

/// One language's text for the scaffold.
pub struct Texts {
    pub name: &'static str,
    pub title: &'static str,
    pub description: &'static str,
    pub home_intro: &'static str,
    pub home_heading: &'static str,
    pub home_see: &'static str,
    pub home_cite: &'static str,
    pub section_title: &'static str,
    pub section_summary: &'static str,
    pub os_heading: &'static str,
    pub os_text: &'static str,
    pub table_caption: &'static str,
    pub forest_title: &'static str,
    pub next_heading: &'static str,
    pub next_text: &'static str,
    pub arm_drug: &'static str,
    pub arm_control: &'static str,
    pub itt: &'static str,
    pub younger: &'static str,
    pub older: &'static str,
    pub os: &'static str,
    pub hr_term: &'static str,
    pub new_page_body: &'static str,
}

/// The scaffold's text in `lang`, English for a language it has no text for.
pub fn texts(lang: &str) -> &'static Texts {
    match lang.split('-').next().unwrap_or(lang) {
        "zh" => &ZH,
        "ja" => &JA,
        _ => &EN,
    }
}

/// The language's own name for the switcher: known for a few, else the code itself.
pub fn language_name(lang: &str) -> String {
    match lang {
        "zh" | "en" | "ja" => texts(lang).name.to_string(),
        "fr" => "Français".into(),
        "de" => "Deutsch".into(),
        "es" => "Español".into(),
        "ko" => "한국어".into(),
        other => other.to_string(),
    }
}

const EN: Texts = Texts {
    name: "English",
    title: "My evidence review",
    description: "A bilingual evidence review written with evidoc.",
    home_intro: "This is the home page of your review. Every page is a Markdown file under `content/`, one file per language: `_index.en.md` is this page in English. Edit it, run `evidoc build`, and open `public/index.html`.",
    home_heading: "What this example shows",
    home_see: "The main finding is in [the overall survival results](@/evidence/_index.md#os) of [EXAMPLE-1](trial:example-1), the one trial of this example. A link to a page or a heading is written `@/path.md#anchor` and is checked at every build.",
    home_cite: "Citations are written `[@key]` and numbered across the review; the references page lists them",
    section_title: "Evidence",
    section_summary: "A section: a folder with an _index page for each language.",
    os_heading: "Overall survival",
    os_text: "In [EXAMPLE-1](trial:example-1), median overall survival was {fig_drug} with the study drug and {fig_control} with the control, a hazard ratio (HR) of {hr}. Figures come from the trial's data file (`content/trials/example-1.toml`), never typed by hand, so every language shows the same numbers.",
    table_caption: "Hazard ratios by age",
    forest_title: "Overall survival by age",
    next_heading: "Next steps",
    next_text: "Add a page with `evidoc new evidence/my-page`, then run `evidoc check --strict` before you publish.",
    arm_drug: "Study drug",
    arm_control: "Control",
    itt: "Intention-to-treat",
    younger: "Younger than 65",
    older: "65 or older",
    os: "Overall survival",
    hr_term: "Hazard ratio: the risk of an event in one arm relative to the other; below 1 favours the study drug.",
    new_page_body: "Write this page here.",
};

const ZH: Texts = Texts {
    name: "中文",
    title: "我的循证综述",
    description: "一篇用 evidoc 撰写的双语循证综述。",
    home_intro: "这是综述的首页。每个页面都是 `content/` 下的一个 Markdown 文件，每种语言一个文件：`_index.zh.md` 就是本页的中文版。修改它，运行 `evidoc build`，再打开 `public/index.html`。",
    home_heading: "本示例展示了什么",
    home_see: "主要结果见本示例唯一的试验 [EXAMPLE-1](trial:example-1) 的[总生存期结果](@/evidence/_index.md#os)。页面或标题的链接写作 `@/path.md#anchor`，每次构建都会检查。",
    home_cite: "引用写作 `[@key]`，在整篇综述中统一编号；参考文献页列出全部文献",
    section_title: "证据",
    section_summary: "一个章节：一个文件夹，每种语言一个 _index 页面。",
    os_heading: "总生存期",
    os_text: "在 [EXAMPLE-1](trial:example-1) 中，试验药组的中位总生存期为 {fig_drug}，对照组为 {fig_control}，风险比（HR）为 {hr}。数值来自试验数据文件（`content/trials/example-1.toml`），不手工输入，因此每种语言显示的数字相同。",
    table_caption: "按年龄分组的风险比",
    forest_title: "按年龄分组的总生存期",
    next_heading: "下一步",
    next_text: "用 `evidoc new evidence/my-page` 添加页面，发布前运行 `evidoc check --strict`。",
    arm_drug: "试验药",
    arm_control: "对照",
    itt: "意向治疗人群",
    younger: "小于 65 岁",
    older: "65 岁及以上",
    os: "总生存期",
    hr_term: "风险比：一组相对另一组发生事件的风险；小于 1 表示试验药更优。",
    new_page_body: "在此撰写本页。",
};

const JA: Texts = Texts {
    name: "日本語",
    title: "私のエビデンスレビュー",
    description: "evidoc で書かれた多言語のエビデンスレビュー。",
    home_intro: "これはレビューのホームページです。各ページは `content/` の下の Markdown ファイルで、言語ごとに一つのファイルです。`_index.ja.md` がこのページの日本語版です。編集して `evidoc build` を実行し、`public/index.html` を開いてください。",
    home_heading: "この例で示すこと",
    home_see: "主な結果は、この例の唯一の試験 [EXAMPLE-1](trial:example-1) の[全生存期の結果](@/evidence/_index.md#os)にあります。ページや見出しへのリンクは `@/path.md#anchor` と書き、ビルドのたびに確認されます。",
    home_cite: "引用は `[@key]` と書き、レビュー全体で番号が付けられます。参考文献のページに一覧があります",
    section_title: "エビデンス",
    section_summary: "セクション：言語ごとに _index ページを持つフォルダー。",
    os_heading: "全生存期",
    os_text: "[EXAMPLE-1](trial:example-1) では、全生存期の中央値は試験薬群で {fig_drug}、対照群で {fig_control}、ハザード比（HR）は {hr} でした。数値は試験のデータファイル（`content/trials/example-1.toml`）から取られ、手で入力しないため、どの言語でも同じ数字が表示されます。",
    table_caption: "年齢別のハザード比",
    forest_title: "年齢別の全生存期",
    next_heading: "次のステップ",
    next_text: "`evidoc new evidence/my-page` でページを追加し、公開前に `evidoc check --strict` を実行してください。",
    arm_drug: "試験薬",
    arm_control: "対照",
    itt: "治療企図集団",
    younger: "65 歳未満",
    older: "65 歳以上",
    os: "全生存期",
    hr_term: "ハザード比：一方の群の他方に対するイベントのリスク。1 未満は試験薬が優れることを示します。",
    new_page_body: "このページをここに書いてください。",
};
