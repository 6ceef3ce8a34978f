/**
 * The curated graph as tests name it (seed/*.yaml): the City of Helsinki's 2020 page on its international
 * activities, the source most curated records cite. Tests that write records cite it, so their records need
 * no source of their own.
 */
export const PAGE_SOURCE = "hel-fi-international-activities-2020";
