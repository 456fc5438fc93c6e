// references: error, n, region, risky, suffix
async function (sql, Plot, Arrow, numbersOf, rowsOf, scoring, error, n, region, risky, suffix) { "use strict"; {
// `scores` is a local here, not a reference to a cell named scores
const scores = new Float64Array(n);
function weigh(weights) { return weights.length; } // parameter shadows a cell name
{ const region = 'east'; console.log(region); }              // block-scoped: region stays free below
const ok = (tiers) => tiers.map((tier) => tier + suffix);
try { risky(); } catch (error) { console.log(error); }
return [scores, weigh([]), ok([]), region, error];

}}
