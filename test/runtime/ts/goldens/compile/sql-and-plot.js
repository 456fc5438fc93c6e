// references: region, rows, weights
async function (sql, Plot, Arrow, numbersOf, rowsOf, scoring, region, rows, weights) { "use strict"; {
const w = weights;                       // an input (object of fractions)
const t = await sql`SELECT * FROM indicators WHERE region = ${region}`;
const score = new Float64Array(t.numRows);
const lev = numbersOf(t, 'leverage');
for (let i = 0; i < score.length; i++) score[i] = w.leverage * lev[i];
return Plot.plot({ marks: [Plot.barY(rows, { x: 'tier', y: 'count' })] });

}}
