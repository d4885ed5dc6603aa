import { createContext, useContext } from "react";

export type Language = "zh" | "en";

export interface I18n {
  language: Language;
  /** The text in the language shown: Chinese first, English when toggled. */
  t(zh: string, en: string): string;
  setLanguage(language: Language): void;
}

export const I18nContext = createContext<I18n>({
  language: "zh",
  t: (zh) => zh,
  setLanguage: () => undefined,
});

export function useI18n(): I18n {
  return useContext(I18nContext);
}

const STORED = "console.language";

export function storedLanguage(): Language {
  return localStorage.getItem(STORED) === "en" ? "en" : "zh";
}

export function storeLanguage(language: Language): void {
  localStorage.setItem(STORED, language);
}
