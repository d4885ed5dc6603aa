import { useCallback, useEffect, useRef, useState, type FormEvent } from "react";

import { storedLanguage, storeLanguage, type Language } from "../i18n/I18n";
import { label, options } from "../i18n/labels";
import { DISTRICTS, LISTS } from "../i18n/registry";
import { ListedCard } from "./ListedCard";
import { keepInUrl, searchFromUrl, searchList, type Listed, type PublishedList, type Search } from "./publicApi";

const PAGE = 20;

type Answer =
  | { state: "loading" }
  | { state: "failed"; problem: string }
  | { state: "shown"; rows: Listed[]; count: number; more: boolean };

/** 白名单 / 黑名单 for parents on a phone: search by name or code and district, no login. */
export function ParentsPage() {
  const [language, setLanguage] = useState<Language>(storedLanguage);
  const t = useCallback((zh: string, en: string) => (language === "zh" ? zh : en), [language]);
  const [search, setSearch] = useState<Search>(searchFromUrl);
  const [typed, setTyped] = useState(search.q);
  const [answer, setAnswer] = useState<Answer>({ state: "loading" });
  const latest = useRef(0);

  const load = useCallback(async (wanted: Search, offset: number, before: Listed[]) => {
    const asked = ++latest.current;
    if (offset === 0) setAnswer({ state: "loading" });
    try {
      const page = await searchList(wanted, offset, PAGE);
      if (asked !== latest.current) return;
      const rows = [...before, ...page.data];
      setAnswer({ state: "shown", rows, count: page.count, more: rows.length < page.count });
    } catch (error) {
      if (asked === latest.current) setAnswer({ state: "failed", problem: String((error as Error).message) });
    }
  }, []);

  useEffect(() => {
    keepInUrl(search);
    void load(search, 0, []);
  }, [search, load]);
  useEffect(() => {
    document.documentElement.lang = language === "zh" ? "zh-CN" : "en";
    document.title = t("校外培训机构白名单 / 黑名单查询", "Tutoring institutions: white and black lists");
  }, [language, t]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSearch({ ...search, q: typed });
  };
  const switchLanguage = () => {
    const next = language === "zh" ? "en" : "zh";
    storeLanguage(next);
    setLanguage(next);
  };

  return (
    <div className="parents">
      <header className="parents-header">
        <h1>{t("校外培训机构名单查询", "Find a tutoring institution")}</h1>
        <button type="button" className="language" onClick={switchLanguage} aria-label="中文 / English">
          {language === "zh" ? "EN" : "中"}
        </button>
        <p>{t("选择培训机构前，请先查询白名单和黑名单。", "Before choosing an institution, check both lists.")}</p>
      </header>

      <div className="lists" role="tablist">
        {(["white", "black"] as PublishedList[]).map((list) => (
          <button
            key={list}
            type="button"
            role="tab"
            aria-selected={search.list === list}
            className={`list-tab ${list}`}
            onClick={() => setSearch({ ...search, list })}
          >
            {label(LISTS, list, language)}
          </button>
        ))}
      </div>
      <p className="list-meaning">
        {search.list === "white"
          ? t("白名单：证照齐全、经审批纳入监管的机构。", "Whitelist: licensed institutions under supervision.")
          : t("黑名单：被取缔、关停或严重违规的机构，请勿报名缴费。", "Blacklist: banned, closed or seriously non-compliant: do not enrol or pay.")}
      </p>

      <form className="search" role="search" onSubmit={submit}>
        <input
          type="search"
          name="q"
          value={typed}
          maxLength={50}
          onChange={(event) => setTyped(event.target.value)}
          placeholder={t("机构名称或统一社会信用代码", "Name or credit code")}
          aria-label={t("机构名称", "Name")}
        />
        <select
          name="district"
          value={search.district}
          onChange={(event) => setSearch({ ...search, q: typed, district: event.target.value })}
          aria-label={t("所在区县", "District")}
        >
          <option value="">{t("全市", "Whole city")}</option>
          {options(DISTRICTS, language).map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
        <button type="submit">{t("查询", "Search")}</button>
      </form>

      <Results answer={answer} search={search} language={language} t={t} onMore={(rows) => void load(search, rows.length, rows)} onRetry={() => void load(search, 0, [])} />

      <footer className="parents-footer">
        {t(
          "名单由教育等主管部门发布，如发现违规培训可拨打 12345 举报。",
          "Published by the education and other departments; report illegal tutoring on 12345.",
        )}
      </footer>
    </div>
  );
}

interface ResultsProps {
  answer: Answer;
  search: Search;
  language: Language;
  t: (zh: string, en: string) => string;
  onMore: (rows: Listed[]) => void;
  onRetry: () => void;
}

function Results({ answer, search, language, t, onMore, onRetry }: ResultsProps) {
  if (answer.state === "loading") return <p className="status" aria-busy="true">{t("正在查询…", "Searching…")}</p>;
  if (answer.state === "failed")
    return (
      <div className="status problem" role="alert">
        <strong>{t("查询失败，请检查网络后重试。", "The search failed: check the connection and try again.")}</strong>
        <small>{answer.problem}</small>
        <button type="button" onClick={onRetry}>{t("重试", "Try again")}</button>
      </div>
    );
  if (answer.rows.length === 0)
    return (
      <div className="status empty" role="status" data-testid="no-results">
        <strong>
          {t(`${label(LISTS, search.list, language)}中没有找到符合条件的机构。`, `No institution on the ${search.list}list matches.`)}
        </strong>
        <span>
          {search.list === "white"
            ? t("不在白名单中的机构未经审批纳管，报名前请向所在区教育局核实。", "An institution not on the whitelist is not approved: check with the district's education bureau before enrolling.")
            : t("不在黑名单中不代表机构合规，请同时查询白名单。", "Not being on the blacklist does not make it compliant: check the whitelist too.")}
        </span>
      </div>
    );
  return (
    <section aria-live="polite">
      <p className="count">{t(`共 ${answer.count} 家`, `${answer.count} found`)}</p>
      <ul className="results">
        {answer.rows.map((row) => (
          <ListedCard key={row.credit_code} row={row} language={language} t={t} />
        ))}
      </ul>
      {answer.more && (
        <button type="button" className="more" onClick={() => onMore(answer.rows)}>
          {t("加载更多", "Show more")}
        </button>
      )}
    </section>
  );
}
