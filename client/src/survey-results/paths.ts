// A round's results are a tab of the round (client/src/surveys/RoundTabs.vue), at the
// route `survey-round-results` that the surveys pages link to.
export const resultsPath = (roundId: string) => `/surveys/rounds/${encodeURIComponent(roundId)}/results`;
export const heatmapPath = (roundId: string) => `${resultsPath(roundId)}/heatmap`;
