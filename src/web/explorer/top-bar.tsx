/**
 * The explorer's header: its name (a link back to the start), the search box ("/" jumps to it), the views, the
 * date control, the history panel's switch, sign-in, and the language chooser.
 */
import { useRef } from "react";
import type { GraphNode } from "./api.js";
import { DateControl } from "./date-control.js";
import { type Lang, messages, useLang, useT } from "./i18n.js";
import { LanguageChooser } from "./language-chooser.js";
import { SearchBox } from "./search-box.js";
import { searchPickChange } from "./selection-model.js";
import { SignInControl } from "./sign-in-control.js";
import type { Address } from "./use-address.js";
import type { Editing } from "./use-editing.js";
import { TIMING_MARKS, markTiming } from "./timing-marks.js";
import { useSearchShortcut } from "./use-search-shortcut.js";
import { ViewSwitch } from "./view-switch.js";

const M = messages({
  heading: {
    en: "Helsinki international relations",
    fi: "Helsingin kansainväliset suhteet",
    sv: "Helsingfors internationella relationer",
  },
  search: { en: "Search", fi: "Hae", sv: "Sök" },
  searchHint: {
    en: "Name in any language, or an abbreviation ( / )",
    fi: "Nimi millä tahansa kielellä tai lyhenne ( / )",
    sv: "Namn på vilket språk som helst, eller en förkortning ( / )",
  },
  history: { en: "History", fi: "Historia", sv: "Historik" },
});

export function TopBar({
  address: { state, update },
  editing,
  onChooseLang,
}: {
  address: Address;
  editing: Editing;
  onChooseLang: (lang: Lang) => void;
}) {
  const t = useT();
  const lang = useLang();
  const searchInput = useRef<HTMLInputElement>(null);
  useSearchShortcut(searchInput);
  return (
    <header className="top">
      <h1>
        <a href={`/explorer${state.lang ? `?lang=${state.lang}` : ""}`}>{t(M.heading)}</a>
      </h1>
      <SearchBox
        label={t(M.search)}
        placeholder={t(M.searchHint)}
        onPick={(node: GraphNode) => {
          markTiming(TIMING_MARKS.hitChosen);
          update(searchPickChange(node.id));
        }}
        inputRef={searchInput}
        testId="search"
      />
      <ViewSwitch view={state.view} onView={(view) => update({ view })} />
      <DateControl
        asOf={state.asOf}
        onChange={(asOf) => update({ asOf }, "replace")}
        undated={state.undated}
        onUndatedChange={(undated) => update({ undated }, "replace")}
      />
      <button type="button" aria-pressed={editing.historyOpen} onClick={editing.toggleHistory}>
        {t(M.history)}
      </button>
      <SignInControl onSignOut={() => editing.open(null)} />
      <LanguageChooser lang={lang} onChoose={onChooseLang} />
    </header>
  );
}
