// Cache keys are paths, so a refresh of a node drops what lies beneath it too:
// `areas` ⊃ `areas/Students`; `tables` ⊃ `tables/STUDENTS`.

export const catalogKeys = {
  areas: 'areas',
  area: (name: string) => `areas/${name}`,
  tables: 'tables',
  table: (name: string) => `tables/${name.toUpperCase()}`,
  powerQueries: 'powerqueries',
  metadata: 'metadata',
} as const;
