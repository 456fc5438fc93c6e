// references: i, inner, limit, outer, rows, values, weights
async function (sql, Plot, Arrow, numbersOf, rowsOf, scoring, i, inner, limit, outer, rows, values, weights) { "use strict"; {
let total = 0;
for (let i = 0; i < limit; i++) total += values[i];
for (const key in weights) total += weights[key];
for (const row of rows) { const v = row.value; total += v; }
for (var j = 0; j < 3; j++) {}
label: for (const a of outer) { for (const b of inner) { if (a === b) continue label; } }
return total + j + i;                     // j is function-scoped (var); i is not in scope here

}}
