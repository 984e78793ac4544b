// The umbrella module: `import WalkStats` brings in every layer (import → model → statistics → analysis → report),
// plus the GSL runtime switch (Swift types only; no pointers leave WalkStatsGSL).
@_exported import WalkStatsAnalysis
@_exported import WalkStatsGSL
@_exported import WalkStatsImport
@_exported import WalkStatsModel
@_exported import WalkStatsReadStat
@_exported import WalkStatsReport
@_exported import WalkStatsStatistics
