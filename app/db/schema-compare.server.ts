// Compares what prisma/schema.prisma describes with what a PostgreSQL database actually has, using
// Prisma's own parser (getDMMF from @prisma/internals) and Prisma's PostgreSQL naming and type
// conventions. Used by the test that proves the hand-written migrations produce exactly the schema.
//
// Compared: tables, columns (type, nullability, default), primary keys, unique and other indexes
// (columns in order, sort order, method), foreign keys (columns, referenced table/columns, ON
// DELETE/ON UPDATE), enum types (values in order) and sequences. Ignored: `_prisma_migrations`,
// CHECK constraints, functions and triggers (hand-written rules schema.prisma cannot express).
import internals from '@prisma/internals'
import pg from 'pg'

type Document = Awaited<ReturnType<typeof internals.getDMMF>>
type Model = Document['datamodel']['models'][number]
type Field = Model['fields'][number]

/** PostgreSQL's identifier limit, and Prisma's truncation of generated constraint names to fit. */
const MAX_IDENTIFIER = 63
function constraintName(table: string, columns: string[], suffix: string): string {
  const base = [table, ...columns].join('_')
  const full = `${base}_${suffix}`
  if (full.length <= MAX_IDENTIFIER) return full
  return `${base.slice(0, MAX_IDENTIFIER - suffix.length - 1)}_${suffix}`
}

const q = (name: string) => `"${name}"`
const cols = (names: string[]) => `(${names.map(q).join(', ')})`

/** Keyed facts: key identifies an object, value describes it. */
type Facts = Map<string, string>

// ---------------------------------------------------------------------------------------------
// What schema.prisma says
// ---------------------------------------------------------------------------------------------

const DEFAULT_TYPES: Record<string, string> = {
  String: 'text',
  Int: 'integer',
  BigInt: 'bigint',
  Float: 'double precision',
  Decimal: 'numeric(65,30)',
  DateTime: 'timestamp(3) without time zone',
  Boolean: 'boolean',
  Json: 'jsonb',
  Bytes: 'bytea',
}

function nativeTypeToSql(name: string, args: string[]): string | undefined {
  const a = args.length ? `(${args.join(',')})` : ''
  switch (name) {
    case 'Text':
      return 'text'
    case 'VarChar':
      return `character varying${a}`
    case 'Char':
      return `character${a}`
    case 'Uuid':
      return 'uuid'
    case 'Xml':
      return 'xml'
    case 'Inet':
      return 'inet'
    case 'Citext':
      return 'citext'
    case 'Bit':
      return `bit${a}`
    case 'VarBit':
      return `bit varying${a}`
    case 'Integer':
      return 'integer'
    case 'SmallInt':
      return 'smallint'
    case 'Oid':
      return 'oid'
    case 'BigInt':
      return 'bigint'
    case 'DoublePrecision':
      return 'double precision'
    case 'Real':
      return 'real'
    case 'Decimal':
      return `numeric${a}`
    case 'Money':
      return 'money'
    case 'Timestamp':
      return `timestamp${a} without time zone`
    case 'Timestamptz':
      return `timestamp${a} with time zone`
    case 'Date':
      return 'date'
    case 'Time':
      return `time${a} without time zone`
    case 'Timetz':
      return `time${a} with time zone`
    case 'Boolean':
      return 'boolean'
    case 'Json':
      return 'json'
    case 'JsonB':
      return 'jsonb'
    case 'ByteA':
      return 'bytea'
    default:
      return undefined
  }
}

function sqlLiteral(value: string): string {
  return `'${value.replaceAll("'", "''")}'`
}

function expectedFacts(doc: Document): { facts: Facts; problems: string[] } {
  const facts: Facts = new Map()
  const problems: string[] = []
  const dm = doc.datamodel
  const enumDbNames = new Map(dm.enums.map((e) => [e.name, e]))
  const models = new Map(dm.models.map((m) => [m.name, m]))
  const tableOf = (m: Model) => m.dbName ?? m.name
  const columnOf = (m: Model, fieldName: string) => {
    const f = m.fields.find((x) => x.name === fieldName)
    return f?.dbName ?? fieldName
  }

  for (const e of dm.enums) {
    facts.set(`enum ${q(e.dbName ?? e.name)}`, `(${e.values.map((v) => sqlLiteral(v.dbName ?? v.name)).join(', ')})`)
  }

  for (const m of dm.models) {
    const table = tableOf(m)
    facts.set(`table ${q(table)}`, 'exists')

    for (const f of m.fields) {
      if (f.kind === 'object') continue
      if (f.kind === 'unsupported') {
        problems.push(`schema.prisma: ${m.name}.${f.name} has an Unsupported type; extend schema-compare.server.ts`)
        continue
      }
      const column = f.dbName ?? f.name
      let type: string | undefined
      if (f.kind === 'enum') {
        const en = enumDbNames.get(f.type)
        type = `enum ${q(en?.dbName ?? f.type)}`
      } else if (f.nativeType) {
        const [name, args] = f.nativeType as [string, string[]]
        type = nativeTypeToSql(name, args)
        if (!type)
          problems.push(`schema.prisma: ${m.name}.${f.name} uses @db.${name}, unknown to schema-compare.server.ts`)
      } else {
        type = DEFAULT_TYPES[f.type]
        if (!type)
          problems.push(`schema.prisma: ${m.name}.${f.name} has type ${f.type}, unknown to schema-compare.server.ts`)
      }
      if (!type) continue
      if (f.isList) type += '[]'

      const def = expectedDefault(m, f, table, column, type)
      if (def.problem) problems.push(def.problem)
      // Prisma creates scalar lists as nullable array columns ("tags" TEXT[]).
      const nullability = f.isRequired && !f.isList ? 'NOT NULL' : 'NULL'
      facts.set(
        `column ${q(table)}.${q(column)}`,
        [type, nullability, def.sql ? `DEFAULT ${def.sql}` : ''].filter(Boolean).join(' '),
      )
      if (def.sequence) facts.set(`sequence ${q(def.sequence)}`, `owned by ${q(table)}.${q(column)}`)
    }
  }

  for (const idx of dm.indexes) {
    const m = models.get(idx.model)
    if (!m) continue
    const table = tableOf(m)
    const columns = idx.fields.map((f) => columnOf(m, f.name))
    const shape = idx.fields.map((f) => q(columnOf(m, f.name)) + (f.sortOrder === 'desc' ? ' DESC' : '')).join(', ')
    const method = (idx.algorithm ?? 'BTree').toLowerCase()
    if (idx.type === 'id') {
      const name = idx.dbName ?? constraintName(table, [], 'pkey')
      facts.set(`primary key on ${q(table)}`, `${q(name)} (${shape})`)
    } else if (idx.type === 'unique') {
      const name = idx.dbName ?? constraintName(table, columns, 'key')
      facts.set(`index ${q(name)}`, `UNIQUE on ${q(table)} USING ${method} (${shape})`)
    } else if (idx.type === 'normal') {
      const name = idx.dbName ?? constraintName(table, columns, 'idx')
      facts.set(`index ${q(name)}`, `on ${q(table)} USING ${method} (${shape})`)
    } else {
      problems.push(`schema.prisma: ${idx.type} index on ${idx.model} is unknown to schema-compare.server.ts`)
    }
  }

  for (const m of dm.models) {
    const table = tableOf(m)
    for (const f of m.fields) {
      if (f.kind !== 'object' || !f.relationFromFields?.length) continue
      const target = models.get(f.type)
      if (!target) continue
      const from = f.relationFromFields.map((n) => columnOf(m, n))
      const to = (f.relationToFields ?? []).map((n) => columnOf(target, n))
      const onDelete = f.relationOnDelete ?? (f.isRequired ? 'Restrict' : 'SetNull')
      const onUpdate = (f as Field & { relationOnUpdate?: string }).relationOnUpdate ?? 'Cascade'
      // Prisma names a foreign key after its table and columns, unless @relation(map: ...) says otherwise.
      const name =
        (f as Field & { relationName?: string; dbName?: string | null }).dbName ?? constraintName(table, from, 'fkey')
      facts.set(
        `foreign key ${q(name)}`,
        `on ${q(table)} ${cols(from)} REFERENCES ${q(tableOf(target))} ${cols(to)} ON DELETE ${referentialAction(onDelete)} ON UPDATE ${referentialAction(onUpdate)}`,
      )
    }
  }
  return { facts, problems }
}

function referentialAction(action: string): string {
  switch (action) {
    case 'Cascade':
      return 'CASCADE'
    case 'Restrict':
      return 'RESTRICT'
    case 'NoAction':
      return 'NO ACTION'
    case 'SetNull':
      return 'SET NULL'
    case 'SetDefault':
      return 'SET DEFAULT'
    default:
      return action
  }
}

function expectedDefault(
  m: Model,
  f: Field,
  table: string,
  column: string,
  type: string,
): { sql?: string; sequence?: string; problem?: string } {
  if (f.isUpdatedAt || !f.hasDefaultValue || f.default === undefined) return {}
  const d = f.default as unknown
  if (d && typeof d === 'object' && !Array.isArray(d) && 'name' in d) {
    const fn = d as { name: string; args: unknown[] }
    switch (fn.name) {
      case 'autoincrement': {
        const sequence = `${table}_${column}_seq`
        return { sql: `nextval('${q(sequence)}'::regclass)`, sequence }
      }
      case 'now':
        return { sql: 'CURRENT_TIMESTAMP' }
      case 'dbgenerated':
        return fn.args.length ? { sql: String(fn.args[0]) } : {}
      case 'cuid':
      case 'uuid':
      case 'nanoid':
      case 'ulid':
        return {} // generated by the Prisma client, not the database
      default:
        return {
          problem: `schema.prisma: ${m.name}.${f.name} has @default(${fn.name}()), unknown to schema-compare.server.ts`,
        }
    }
  }
  if (Array.isArray(d))
    return { problem: `schema.prisma: ${m.name}.${f.name} has a list default, unknown to schema-compare.server.ts` }
  if (f.kind === 'enum') return { sql: `${sqlLiteral(String(d))}::enum` }
  if (typeof d === 'boolean') return { sql: String(d) }
  if (typeof d === 'number' || ['Int', 'BigInt', 'Float', 'Decimal'].includes(f.type)) return { sql: String(d) }
  return { sql: `${sqlLiteral(String(d))}::${type}` }
}

// ---------------------------------------------------------------------------------------------
// What the database has
// ---------------------------------------------------------------------------------------------

/** Normalises pg_get_expr output so it compares with expectedDefault(). */
function normaliseDefault(expr: string, typtype: string): string {
  // '-1'::integer, '1.5'::numeric, 0 -> plain numbers
  const numeric =
    /^\(?'?(-?\d+(?:\.\d+)?(?:e[+-]?\d+)?)'?\)?(?:::(?:integer|bigint|smallint|numeric|double precision|real))?$/i.exec(
      expr,
    )
  if (numeric) return numeric[1]
  // 'MEMBER'::"MembershipRole" -> 'MEMBER'::enum (the enum type itself is compared with the column)
  if (typtype === 'e') return expr.replace(/::[^:]+$/, '::enum')
  return expr
}

async function actualFacts(client: pg.Client): Promise<Facts> {
  const facts: Facts = new Map()
  const ignored = '_prisma_migrations'

  const enums = await client.query<{ name: string; values: string[] }>(`
    SELECT t.typname AS name, array_agg(e.enumlabel::text ORDER BY e.enumsortorder) AS values
      FROM pg_type t
      JOIN pg_namespace n ON n.oid = t.typnamespace
      JOIN pg_enum e ON e.enumtypid = t.oid
     WHERE n.nspname = current_schema() AND t.typtype = 'e'
     GROUP BY t.typname`)
  for (const e of enums.rows) facts.set(`enum ${q(e.name)}`, `(${e.values.map(sqlLiteral).join(', ')})`)

  const relations = await client.query<{ name: string; relkind: string }>(
    `
    SELECT c.relname AS name, c.relkind::text AS relkind
      FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p', 'v', 'm', 'f') AND c.relname <> $1`,
    [ignored],
  )
  for (const r of relations.rows) {
    facts.set(
      `table ${q(r.name)}`,
      r.relkind === 'r' || r.relkind === 'p' ? 'exists' : `is a relation of kind '${r.relkind}'`,
    )
  }

  const columns = await client.query<{
    table: string
    column: string
    notnull: boolean
    type: string
    typtype: string
    typname: string
    elemtyptype: string | null
    elemtypname: string | null
    default: string | null
    identity: string
    generated: string
  }>(
    `
    SELECT c.relname AS table, a.attname AS column, a.attnotnull AS notnull,
           format_type(a.atttypid, a.atttypmod) AS type, ty.typtype::text AS typtype, ty.typname,
           elem.typtype::text AS elemtyptype, elem.typname AS elemtypname,
           pg_get_expr(d.adbin, d.adrelid) AS default, a.attidentity::text AS identity, a.attgenerated::text AS generated
      FROM pg_attribute a
      JOIN pg_class c ON c.oid = a.attrelid
      JOIN pg_namespace n ON n.oid = c.relnamespace
      JOIN pg_type ty ON ty.oid = a.atttypid
      LEFT JOIN pg_type elem ON elem.oid = ty.typelem AND ty.typcategory = 'A'
      LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
     WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') AND c.relname <> $1
       AND a.attnum > 0 AND NOT a.attisdropped`,
    [ignored],
  )
  for (const c of columns.rows) {
    let type = c.type
    if (c.typtype === 'e') type = `enum ${q(c.typname)}`
    else if (c.elemtyptype === 'e') type = `enum ${q(c.elemtypname!)}[]`
    const parts = [type, c.notnull ? 'NOT NULL' : 'NULL']
    if (c.default !== null) {
      const isEnum = c.typtype === 'e' || c.elemtyptype === 'e'
      parts.push(
        `${c.generated ? 'GENERATED ALWAYS AS' : 'DEFAULT'} ${normaliseDefault(c.default, isEnum ? 'e' : c.typtype)}`,
      )
    }
    if (c.identity) parts.push(`GENERATED ${c.identity === 'a' ? 'ALWAYS' : 'BY DEFAULT'} AS IDENTITY`)
    facts.set(`column ${q(c.table)}.${q(c.column)}`, parts.join(' '))
  }

  const sequences = await client.query<{ name: string; table: string | null; column: string | null }>(`
    SELECT s.relname AS name, t.relname AS table, a.attname AS column
      FROM pg_class s
      JOIN pg_namespace n ON n.oid = s.relnamespace
      LEFT JOIN pg_depend d ON d.objid = s.oid AND d.classid = 'pg_class'::regclass
                           AND d.refclassid = 'pg_class'::regclass AND d.deptype IN ('a', 'i')
      LEFT JOIN pg_class t ON t.oid = d.refobjid
      LEFT JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = d.refobjsubid
     WHERE n.nspname = current_schema() AND s.relkind = 'S'`)
  for (const s of sequences.rows) {
    facts.set(
      `sequence ${q(s.name)}`,
      s.table ? `owned by ${q(s.table)}.${q(s.column ?? '?')}` : 'not owned by a column',
    )
  }

  const indexes = await client.query<{
    name: string
    table: string
    unique: boolean
    primary: boolean
    method: string
    columns: (string | null)[]
    options: number[]
    expressions: boolean
    predicate: string | null
  }>(
    `
    SELECT i.relname AS name, t.relname AS table, ix.indisunique AS unique, ix.indisprimary AS primary,
           am.amname AS method,
           ARRAY(SELECT a.attname::text
                   FROM unnest(ix.indkey::int2[]) WITH ORDINALITY AS k(attnum, ord)
                   LEFT JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum
                  ORDER BY k.ord) AS columns,
           ix.indoption::int2[] AS options,
           ix.indexprs IS NOT NULL AS expressions,
           pg_get_expr(ix.indpred, ix.indrelid) AS predicate
      FROM pg_index ix
      JOIN pg_class i ON i.oid = ix.indexrelid
      JOIN pg_class t ON t.oid = ix.indrelid
      JOIN pg_namespace n ON n.oid = t.relnamespace
      JOIN pg_am am ON am.oid = i.relam
     WHERE n.nspname = current_schema() AND t.relname <> $1`,
    [ignored],
  )
  for (const ix of indexes.rows) {
    const shape = ix.columns
      .slice(0, ix.options.length)
      .map((c, i) => (c === null ? '<expression>' : q(c)) + ((ix.options[i] & 1) === 1 ? ' DESC' : ''))
      .join(', ')
    const extra = ix.predicate ? ` WHERE ${ix.predicate}` : ''
    if (ix.primary) {
      facts.set(`primary key on ${q(ix.table)}`, `${q(ix.name)} (${shape})${extra}`)
    } else {
      facts.set(
        `index ${q(ix.name)}`,
        `${ix.unique ? 'UNIQUE ' : ''}on ${q(ix.table)} USING ${ix.method} (${shape})${extra}`,
      )
    }
  }

  const fks = await client.query<{
    name: string
    table: string
    ref_table: string
    columns: string[]
    ref_columns: string[]
    on_delete: string
    on_update: string
  }>(
    `
    SELECT c.conname AS name, t.relname AS table, rt.relname AS ref_table,
           ARRAY(SELECT a.attname::text FROM unnest(c.conkey) WITH ORDINALITY AS k(attnum, ord)
                   JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum ORDER BY k.ord) AS columns,
           ARRAY(SELECT a.attname::text FROM unnest(c.confkey) WITH ORDINALITY AS k(attnum, ord)
                   JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.attnum ORDER BY k.ord) AS ref_columns,
           c.confdeltype::text AS on_delete, c.confupdtype::text AS on_update
      FROM pg_constraint c
      JOIN pg_class t ON t.oid = c.conrelid
      JOIN pg_class rt ON rt.oid = c.confrelid
      JOIN pg_namespace n ON n.oid = t.relnamespace
     WHERE c.contype = 'f' AND n.nspname = current_schema() AND t.relname <> $1`,
    [ignored],
  )
  const action: Record<string, string> = {
    a: 'NO ACTION',
    r: 'RESTRICT',
    c: 'CASCADE',
    n: 'SET NULL',
    d: 'SET DEFAULT',
  }
  for (const fk of fks.rows) {
    facts.set(
      `foreign key ${q(fk.name)}`,
      `on ${q(fk.table)} ${cols(fk.columns)} REFERENCES ${q(fk.ref_table)} ${cols(fk.ref_columns)} ON DELETE ${action[fk.on_delete]} ON UPDATE ${action[fk.on_update]}`,
    )
  }

  // Constraints other than primary key, unique, foreign key, check and trigger constraints
  // (exclusion constraints) are not expressible in schema.prisma at all.
  const others = await client.query<{ name: string; table: string; type: string }>(
    `
    SELECT c.conname AS name, t.relname AS table, c.contype::text AS type
      FROM pg_constraint c
      JOIN pg_class t ON t.oid = c.conrelid
      JOIN pg_namespace n ON n.oid = t.relnamespace
     WHERE n.nspname = current_schema() AND c.contype NOT IN ('p', 'u', 'f', 'c', 't', 'n') AND t.relname <> $1`,
    [ignored],
  )
  for (const o of others.rows) facts.set(`constraint ${q(o.name)}`, `on ${q(o.table)} of type '${o.type}'`)

  return facts
}

// ---------------------------------------------------------------------------------------------

/**
 * Returns the differences between `schemaText` (a schema.prisma) and the database at
 * `databaseUrl`, one readable line each; [] when they match.
 */
/**
 * Columns of an Unsupported type (e.g. `searchVector Unsupported("tsvector")?`), which Prisma's DMMF
 * leaves out: read from the schema text. Only types listed here; anything else is a problem.
 * (queue, issue 10: the Dutch full-text column of Application.)
 */
const UNSUPPORTED_TYPES: Record<string, string> = { tsvector: 'tsvector' }
function unsupportedColumns(schemaText: string, facts: Facts, problems: string[]) {
  for (const model of schemaText.matchAll(/^model (\w+) \{\n([\s\S]*?)^\}/gm)) {
    const table = /@@map\("([^"]+)"\)/.exec(model[2])?.[1] ?? model[1]
    for (const field of model[2].matchAll(/^\s+(\w+)\s+Unsupported\("([^"]+)"\)(\?)?(.*)$/gm)) {
      const type = UNSUPPORTED_TYPES[field[2]]
      if (!type || field[4].includes('@default')) {
        problems.push(
          `schema.prisma: ${model[1]}.${field[1]} has Unsupported("${field[2]}"); extend schema-compare.server.ts`,
        )
        continue
      }
      facts.set(`column ${q(table)}.${q(field[1])}`, `${type} ${field[3] ? 'NULL' : 'NOT NULL'}`)
    }
  }
}

export async function compareSchemaToDatabase(schemaText: string, databaseUrl: string): Promise<string[]> {
  const doc = await internals.getDMMF({ datamodel: schemaText })
  const { facts: expected, problems } = expectedFacts(doc)
  unsupportedColumns(schemaText, expected, problems)

  const client = new pg.Client({ connectionString: databaseUrl })
  await client.connect()
  let actual: Facts
  try {
    actual = await actualFacts(client)
  } finally {
    await client.end()
  }

  const differences = [...problems]
  const keys = [...new Set([...expected.keys(), ...actual.keys()])].sort()
  for (const key of keys) {
    const want = expected.get(key)
    const have = actual.get(key)
    if (want === have) continue
    if (have === undefined) differences.push(`missing in database: ${key}: ${want}`)
    else if (want === undefined) differences.push(`not in schema.prisma: ${key}: ${have}`)
    else differences.push(`${key}: schema.prisma says ${want}; database has ${have}`)
  }
  return differences
}
