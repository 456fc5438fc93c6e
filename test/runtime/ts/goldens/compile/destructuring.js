// references: defaultY, fallback, list, nested, offset, point, weights
async function (sql, Plot, Arrow, numbersOf, rowsOf, scoring, defaultY, fallback, list, nested, offset, point, weights) { "use strict"; {
const { leverage, overdue: late, ...others } = weights;
const [first, , third = fallback, ...tail] = list;
const { a: { b: [deep] } } = nested;
function pick({ x, y = defaultY }) { return x + y + offset; }
return [leverage, late, others, first, third, tail, deep, pick(point)];

}}
