#!/usr/bin/env node
// Generates pgtune-outputs.tsv: PGTune's postgresql.conf output for a grid of hosts,
// computed by running PGTune's own (unmodified) selector code from
// src/features/configuration/configurationSlice.js and constants.js.
//
// Usage:
//   node generate.mjs <pgtune-git-dir-or-checkout> [output.tsv]
//   node generate.mjs <pgtune-git-dir-or-checkout> --conf <ramGiB> <cores> <dbType> <hdType> <dbVersion>
//     (prints the complete postgresql.conf tab text for one host, warnings and comments included)
//
// No npm packages and no network: the two JS files are read with `git show HEAD:<path>`,
// written to a temp dir, and only their import lines for '@reduxjs/toolkit' and
// '@app/actions/configurator' are redirected to a tiny local shim (see SHIM below).
// The presentation logic (formatValue, postgresqlConfig order, null filtering) mirrors
// src/common/components/configurationView/index.jsx, which imports React and cannot run here.

import { execFileSync } from 'node:child_process'
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, dirname } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const args = process.argv.slice(2)
if (args.length < 1) {
  console.error('usage: node generate.mjs <pgtune-git-dir-or-checkout> [output.tsv | --conf ram cores dbType hdType dbVersion]')
  process.exit(2)
}
const repo = args[0]
const REV = 'HEAD'
const git = (...a) => execFileSync('git', ['-C', repo, ...a], { encoding: 'utf8' })
const commit = git('rev-parse', REV).trim()

// ---------------------------------------------------------------------------
// Load PGTune's real code
// ---------------------------------------------------------------------------
const SHIM = `
// memo-free stand-ins for @reduxjs/toolkit and @app/actions/configurator
export const createSelector = (inputs, fn) => (state) => fn(...inputs.map((s) => s(state)))
export const createSlice = (opts) => ({
  name: opts.name,
  actions: { resetConfiguration() {} },
  reducer: (state = opts.initialState) => state
})
export const submitConfiguration = () => {}
`

const tmp = mkdtempSync(join(tmpdir(), 'pgtune-'))
let slice
try {
  const constantsSrc = git('show', `${REV}:src/features/configuration/constants.js`)
  let sliceSrc = git('show', `${REV}:src/features/configuration/configurationSlice.js`)
  const replacements = [
    ["from '@reduxjs/toolkit'", "from './shim.mjs'"],
    ["from '@app/actions/configurator'", "from './shim.mjs'"],
    ["from './constants'", "from './constants.mjs'"]
  ]
  for (const [from, to] of replacements) {
    if (!sliceSrc.includes(from)) throw new Error(`configurationSlice.js: expected import not found: ${from}`)
    sliceSrc = sliceSrc.replace(from, to)
  }
  const leftover = sliceSrc.match(/from\s+'(?!\.\/(shim|constants)\.mjs')[^']*'/g)
  if (leftover) throw new Error(`configurationSlice.js: unhandled imports: ${leftover.join(', ')}`)
  if (/^\s*import\s/m.test(constantsSrc)) throw new Error('constants.js now has imports; update the shim')
  writeFileSync(join(tmp, 'shim.mjs'), SHIM)
  writeFileSync(join(tmp, 'constants.mjs'), constantsSrc)
  writeFileSync(join(tmp, 'configurationSlice.mjs'), sliceSrc)
  slice = await import(pathToFileURL(join(tmp, 'configurationSlice.mjs')).href)
} finally {
  rmSync(tmp, { recursive: true, force: true })
}

// ---------------------------------------------------------------------------
// Port of src/common/components/configurationView/index.jsx (postgresql.conf tab)
// ---------------------------------------------------------------------------
const KB_UNIT_MAP = { KB_PER_MB: 1024, KB_PER_GB: 1048576 }

const formatValue = (value) => {
  const result = (() => {
    if (value % KB_UNIT_MAP['KB_PER_GB'] === 0) {
      return { value: Math.floor(value / KB_UNIT_MAP['KB_PER_GB']), unit: 'GB' }
    }
    if (value % KB_UNIT_MAP['KB_PER_MB'] === 0) {
      return { value: Math.floor(value / KB_UNIT_MAP['KB_PER_MB']), unit: 'MB' }
    }
    return { value, unit: 'kB' }
  })()
  return `${result.value}${result.unit}`
}

// Returns [[key, value], ...] exactly as postgresqlConfig() would print them (nulls/falsy dropped).
const postgresqlConfigPairs = (state) => {
  const s = (sel) => sel(state)
  const getCheckpointSegments = () =>
    s(slice.selectCheckpointSegments).map((item) => {
      if (item.key === 'checkpoint_segments') return [item.key, item.value]
      return [item.key, formatValue(item.value)]
    })
  const getWalLevel = () => s(slice.selectWalLevel).map((item) => [item.key, item.value])
  const getParallelSettings = () => s(slice.selectParallelSettings).map((item) => [item.key, item.value])
  const autovacuumWorkMemVal = s(slice.selectAutovacuumWorkMem)

  const configData = [
    ['max_connections', s(slice.selectMaxConnections)],
    ['shared_buffers', formatValue(s(slice.selectSharedBuffers))],
    ['effective_cache_size', formatValue(s(slice.selectEffectiveCacheSize))],
    ['maintenance_work_mem', formatValue(s(slice.selectMaintenanceWorkMem))],
    ['checkpoint_completion_target', s(slice.selectCheckpointCompletionTarget)],
    ['wal_buffers', formatValue(s(slice.selectWalBuffers))],
    ['default_statistics_target', s(slice.selectDefaultStatisticsTarget)],
    ['random_page_cost', s(slice.selectRandomPageCost)],
    ['effective_io_concurrency', s(slice.selectEffectiveIoConcurrency)],
    ['work_mem', formatValue(s(slice.selectWorkMem))],
    ['huge_pages', s(slice.selectHugePages)],
    ['jit', s(slice.selectJit)],
    ['wal_compression', s(slice.selectWalCompression)],
    ['autovacuum_max_workers', s(slice.selectAutovacuumMaxWorkers)],
    ['autovacuum_work_mem', autovacuumWorkMemVal ? formatValue(autovacuumWorkMemVal) : null],
    ['io_method', s(slice.selectIoMethod)],
    ['io_workers', s(slice.selectIoWorkers)]
  ]
    .concat(getCheckpointSegments())
    .concat(getParallelSettings())
    .concat(getWalLevel())

  return configData.filter((item) => !!item[1]).map((item) => [item[0], `${item[1]}`])
}

// Full text of the postgresql.conf tab (generateConfig() with isAlterSystem = false).
const generateConfig = (state) => {
  const hardware = [
    ['DB Version', slice.selectDBVersion(state)],
    ['OS Type', slice.selectOSType(state)],
    ['DB Type', slice.selectDBType(state)],
    ['Total Memory (RAM)', `${slice.selectTotalMemory(state)} ${slice.selectTotalMemoryUnit(state)}`],
    ['CPUs num', slice.selectCPUNum(state)],
    ['Connections num', slice.selectConnectionNum(state)],
    ['Data Storage', slice.selectHDType(state)]
  ]
    .filter((item) => !!item[1])
    .map((item) => `# ${item[0]}: ${item[1]}`)
    .join('\n')
  const conf = postgresqlConfigPairs(state).map(([k, v]) => `${k} = ${v}`).join('\n')
  const warnings = slice.selectWarningInfoMessages(state)
  let config = [hardware, '', conf]
  if (warnings.length > 0) config = [warnings.map((w) => `# ${w}`).join('\n'), '', ...config]
  return config.join('\n')
}

const makeState = (ramGiB, cores, dbType, hdType, dbVersion) => ({
  configuration: {
    dbVersion,
    osType: 'linux',
    dbType,
    totalMemory: ramGiB,
    totalMemoryUnit: 'GB',
    cpuNum: cores,
    connectionNum: null,
    hdType,
    dbSize: 'mid_ram'
  }
})

if (args[1] === '--conf') {
  const [ram, cores, dbType, hdType, ver] = args.slice(2)
  if (!ver) {
    console.error('--conf needs: ramGiB cores dbType hdType dbVersion')
    process.exit(2)
  }
  console.log(generateConfig(makeState(parseInt(ram, 10), parseInt(cores, 10) || null, dbType, hdType, parseFloat(ver))))
  process.exit(0)
}

// ---------------------------------------------------------------------------
// Grid
// ---------------------------------------------------------------------------
// (ram GiB, cores) pairs; every core count in {1,2,3,4,6,8,12,16,24,32,48,64,128} appears >= 3 times.
const PAIRS = [
  [1, 1], [1, 2], [1, 4],
  [2, 1], [2, 2], [2, 3],
  [3, 2], [3, 3], [3, 4],
  [4, 1], [4, 2], [4, 4], [4, 6],
  [6, 3], [6, 6],
  [8, 2], [8, 4], [8, 8],
  [12, 6], [12, 12],
  [16, 4], [16, 8], [16, 16],
  [24, 8], [24, 12], [24, 24],
  [32, 8], [32, 16], [32, 32],
  [48, 12], [48, 24], [48, 48],
  [64, 16], [64, 32], [64, 64],
  [96, 24], [96, 48],
  [128, 32], [128, 64], [128, 128],
  [256, 64], [256, 128],
  [512, 48], [512, 128]
]
// pairs that additionally get hdd and san rows
const EXTRA_HD_PAIRS = ['1x1', '4x2', '8x4', '16x8', '32x16', '64x32', '128x64', '512x128']
const DB_TYPES = ['web', 'oltp', 'dw', 'desktop', 'mixed']
const DB_VERSIONS = [15, 17]

const lines = []
lines.push(
  `# generated by generate.mjs from le0pard/pgtune ${commit} (${REV} of the mirror), node ${process.version}`
)
lines.push(['ram_gib', 'cores', 'db_type', 'hd_type', 'db_version', 'settings'].join('\t'))
let rows = 0
for (const ver of DB_VERSIONS) {
  for (const [ram, cores] of PAIRS) {
    const hdTypes = EXTRA_HD_PAIRS.includes(`${ram}x${cores}`) ? ['ssd', 'hdd', 'san'] : ['ssd']
    for (const hd of hdTypes) {
      for (const dbType of DB_TYPES) {
        const settings = postgresqlConfigPairs(makeState(ram, cores, dbType, hd, ver))
          .map(([k, v]) => `${k}=${v}`)
          .join(';')
        lines.push([ram, cores, dbType, hd, ver, settings].join('\t'))
        rows++
      }
    }
  }
}

const out = args[1] || join(dirname(fileURLToPath(import.meta.url)), 'pgtune-outputs.tsv')
writeFileSync(out, lines.join('\n') + '\n')
console.error(`wrote ${rows} rows to ${out}`)
