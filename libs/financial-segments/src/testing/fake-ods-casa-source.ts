import { OdsCasaSource, type OdsCasaSnapshot } from '../application/ports/ods-casa-source';

/** The ODS as a table of CIF snapshots (change it between calls); `down` makes every read fail. */
export class FakeOdsCasaSource extends OdsCasaSource {
  readonly snapshots = new Map<string, OdsCasaSnapshot>();
  down = false;

  async read(cif: string): Promise<OdsCasaSnapshot | null> {
    if (this.down) throw new Error('ODS unavailable');
    return this.snapshots.get(cif) ?? null;
  }
}
