/** How each kind of entity and relationship looks: one colour and one shape per kind, shared by graph and legend. */
export interface KindStyle {
  readonly color: string;
  readonly shape: "ellipse" | "round-rectangle" | "rectangle" | "diamond" | "hexagon" | "star" | "triangle" | "barrel";
  readonly label: string;
}

export const KIND_STYLES: Readonly<Record<string, KindStyle>> = {
  City: { color: "#1f6fb4", shape: "ellipse", label: "City" },
  Country: { color: "#6b6b6b", shape: "round-rectangle", label: "Country" },
  Organization: { color: "#2a8a3a", shape: "rectangle", label: "Organisation" },
  Office: { color: "#c0392b", shape: "diamond", label: "Office" },
  Theme: { color: "#7d4bb3", shape: "hexagon", label: "Theme" },
  Network: { color: "#a0522d", shape: "star", label: "Network" },
  Person: { color: "#c2407f", shape: "barrel", label: "Person" },
  Event: { color: "#d9822b", shape: "triangle", label: "Event" },
};

export const UNKNOWN_KIND: KindStyle = { color: "#444444", shape: "ellipse", label: "Other" };

export function kindStyle(kind: string): KindStyle {
  return KIND_STYLES[kind] ?? UNKNOWN_KIND;
}

/** `PARTNER_OF` → "partner of". */
export function relationshipLabel(type: string): string {
  return type.toLowerCase().replaceAll("_", " ");
}
