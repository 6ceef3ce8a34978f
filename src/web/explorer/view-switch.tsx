/** The views the explorer switches between (graph, map, dashboard), with links to GraphiQL and the accessibility statement. */
import { messages, useLang, useT } from "./i18n.js";
import type { View } from "./url-state.js";

/** Each view's name: on its button, and as the label of its section. */
export const VIEW_NAMES = messages({
  graph: { en: "Graph", fi: "Graafi", sv: "Graf" },
  map: { en: "Map", fi: "Kartta", sv: "Karta" },
  dashboard: { en: "Dashboard", fi: "Koontinäkymä", sv: "Översikt" },
});

const M = messages({
  views: { en: "Views", fi: "Näkymät", sv: "Vyer" },
  accessibility: { en: "Accessibility statement", fi: "Saavutettavuusseloste", sv: "Tillgänglighetsutlåtande" },
});

const VIEW_ORDER: readonly View[] = ["graph", "map", "dashboard"];

export function ViewSwitch({ view, onView }: { view: View; onView: (view: View) => void }) {
  const t = useT();
  const lang = useLang();
  return (
    <nav className="views" aria-label={t(M.views)}>
      {VIEW_ORDER.map((option) => (
        <button key={option} type="button" aria-pressed={view === option} onClick={() => onView(option)}>
          {t(VIEW_NAMES[option])}
        </button>
      ))}
      <a href="/graphiql">GraphiQL</a>
      <a href={`/accessibility?lang=${lang}`} data-testid="accessibility-link">
        {t(M.accessibility)}
      </a>
    </nav>
  );
}
