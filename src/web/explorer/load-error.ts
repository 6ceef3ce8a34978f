/** What a reader is told when a request fails: the API's own message, else a plain one in their language. */
import { ApiError } from "../shared/graphql-client.js";
import { type Lang, format, messages } from "./i18n-core.js";

const M = messages({
  loadFailed: {
    en: "Something went wrong while loading.",
    fi: "Lataamisessa tapahtui virhe.",
    sv: "Något gick fel vid inläsningen.",
  },
});

export function errorMessage(error: unknown, lang: Lang): string {
  return error instanceof ApiError ? error.message : format(lang, M.loadFailed);
}
