/** Suomi / Svenska / English, each named in itself (and marked with its `lang`, for screen readers). */
import { type Lang, messages, useT } from "./i18n.js";
import { CHOOSER_ORDER, LANG_NAMES } from "./language-choice.js";

const M = messages({
  language: { en: "Language", fi: "Kieli", sv: "Språk" },
});

export function LanguageChooser({ lang, onChoose }: { lang: Lang; onChoose: (lang: Lang) => void }) {
  const t = useT();
  return (
    <div className="language-chooser" role="group" aria-label={t(M.language)} data-testid="language-chooser">
      {CHOOSER_ORDER.map((option) => (
        <button
          key={option}
          type="button"
          lang={option}
          aria-pressed={option === lang}
          onClick={() => onChoose(option)}
        >
          {LANG_NAMES[option]}
        </button>
      ))}
    </div>
  );
}
