// references: a, count, deep, ids, region, tagged
async function (sql, Plot, Arrow, numbersOf, rowsOf, scoring, a, count, deep, ids, region, tagged) { "use strict"; {
const label = `${region}: ${count} customers`;
const nested = `outer ${`inner ${deep}`}`;
const q = await sql`SELECT * FROM t WHERE a = ${a} AND b IN (${ids})`;
const raw = String.raw`\n${tagged}`;
return `${label} ${nested} ${q.numRows} ${raw} ${'literal'}`;

}}
