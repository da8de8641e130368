/**
 * The 14 W13 member municipalities as docs/domain.md §1 lists them, in alphabetical order. Written out rather than read
 * from `src/partners/reference-data/w13-defaults.json`: the tests compare what the defaults file loads with this list.
 */
export const W13_MEMBERS: readonly string[] = [
  'Anzegem',
  'Avelgem',
  'Deerlijk',
  'Harelbeke',
  'Kortrijk',
  'Kuurne',
  'Ledegem',
  'Lendelede',
  'Menen',
  'Spiere-Helkijn',
  'Waregem',
  'Wevelgem',
  'Wielsbeke',
  'Zwevegem',
];
