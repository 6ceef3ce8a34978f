/** In place of the drawing when the chosen day has nothing in force around the focus: the nearest day that has something. */
import { messages, useT } from "./i18n.js";
import type { Address } from "./use-address.js";
import type { OtherDay } from "./use-other-day.js";

const M = messages({
  noneInForce: {
    en: "No relationship of {name} is in force as of {day}.",
    fi: "Yksikään kohteen {name} suhde ei ole voimassa {day}.",
    sv: "Ingen relation för {name} gäller {day}.",
  },
  noneInForceNarrowed: {
    en: "No relationship of {name} is in force as of {day} among those the narrowing keeps.",
    fi: "Yksikään kohteen {name} rajauksen mukainen suhde ei ole voimassa {day}.",
    sv: "Ingen av de relationer för {name} som avgränsningen behåller gäller {day}.",
  },
  lookingForDay: {
    en: "Looking for a day that has some…",
    fi: "Etsitään päivää, jolloin suhteita on voimassa…",
    sv: "Söker en dag då relationer gäller…",
  },
  showDay: { en: "Show {day}", fi: "Näytä {day}", sv: "Visa {day}" },
  noDay: { en: "No day has any.", fi: "Yhtenäkään päivänä ei ole voimassa suhteita.", sv: "Ingen dag har några." },
  allDates: { en: "Show all dates", fi: "Näytä kaikki päivät", sv: "Visa alla datum" },
});

export function NothingInForce({
  address: { state, update },
  focusName,
  otherDay,
}: {
  address: Address;
  focusName: string;
  otherDay: OtherDay;
}) {
  const t = useT();
  return (
    <div className="graph-empty" data-testid="graph-empty">
      <p>
        {t(state.types !== null || state.sources !== null ? M.noneInForceNarrowed : M.noneInForce, {
          name: focusName,
          day: state.asOf ?? "",
        })}
      </p>
      <p>
        {otherDay.status === "looking" ? (
          t(M.lookingForDay)
        ) : otherDay.day ? (
          <button type="button" onClick={() => update({ asOf: otherDay.day }, "replace")}>
            {t(M.showDay, { day: otherDay.day })}
          </button>
        ) : (
          t(M.noDay)
        )}{" "}
        <button type="button" onClick={() => update({ asOf: null }, "replace")}>
          {t(M.allDates)}
        </button>
      </p>
    </div>
  );
}
