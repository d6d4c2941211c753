/**
 * One iso-line of a gridded field by marching squares: used to draw the decision boundary
 * P(class 1) = 0.5 as a crisp line over the smooth probability map.
 */

/** A point in grid coordinates: fractional column and row of the cell centres. */
export type GridPoint = readonly [col: number, row: number];

/**
 * Line segments where the field crosses `level`, in grid coordinates (column c, row r is
 * the centre of cell (r, c); crossings are linearly interpolated along square edges).
 * Squares touching a NaN are skipped. Saddle squares are split using the mean of the four
 * corners as the value at the centre, the usual disambiguation.
 * @param grid `rows` × `cols` values, row-major.
 */
export function isoSegments(grid: ArrayLike<number>, rows: number, cols: number, level: number): Array<[GridPoint, GridPoint]> {
  const segs: Array<[GridPoint, GridPoint]> = [];
  const at = (r: number, c: number): number => Number(grid[r * cols + c]);
  for (let r = 0; r + 1 < rows; r++) {
    for (let c = 0; c + 1 < cols; c++) {
      const tl = at(r, c);
      const tr = at(r, c + 1);
      const br = at(r + 1, c + 1);
      const bl = at(r + 1, c);
      if ([tl, tr, br, bl].some(Number.isNaN)) continue;
      const up = (v: number): boolean => v >= level;
      // Crossing on an edge from corner a (value va at p) to corner b (vb at q), or null.
      const cross = (va: number, vb: number, p: GridPoint, q: GridPoint): GridPoint | null => {
        if (up(va) === up(vb)) return null;
        const t = (level - va) / (vb - va);
        return [p[0] + (q[0] - p[0]) * t, p[1] + (q[1] - p[1]) * t];
      };
      const top = cross(tl, tr, [c, r], [c + 1, r]);
      const right = cross(tr, br, [c + 1, r], [c + 1, r + 1]);
      const bottom = cross(bl, br, [c, r + 1], [c + 1, r + 1]);
      const left = cross(tl, bl, [c, r], [c, r + 1]);
      const pts = [top, right, bottom, left].filter((p): p is GridPoint => p !== null);
      if (pts.length === 2) {
        segs.push([pts[0]!, pts[1]!]);
      } else if (pts.length === 4) {
        // Saddle: if the centre is on tl's side, tl and br are joined through it, so the
        // line cuts off the tr and bl corners; otherwise it cuts off tl and br.
        const centreUp = up((tl + tr + br + bl) / 4);
        if (centreUp === up(tl)) segs.push([top!, right!], [bottom!, left!]);
        else segs.push([top!, left!], [right!, bottom!]);
      }
    }
  }
  return segs;
}
