import type { InstallationRecords } from '../../adapters/slack/installations.js';
import type { Sql } from './driver.js';

/** Installed workspaces: the encrypted record, found by workspace (or Enterprise Grid org) id. */
export function createSqlInstallations(sql: Sql): InstallationRecords {
  return {
    async saveInstallation(id, enterpriseId, dataEnc, now) {
      await sql.run(
        `INSERT INTO installations (team_id, enterprise_id, data_enc, installed_at, updated_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (team_id) DO UPDATE SET enterprise_id = excluded.enterprise_id, data_enc = excluded.data_enc, updated_at = excluded.updated_at`,
        [id, enterpriseId, dataEnc, now, now],
      );
    },
    async getInstallation(id) {
      return (
        (await sql.get<{ data_enc: string }>('SELECT data_enc FROM installations WHERE team_id = ?', [id]))
          ?.data_enc ?? null
      );
    },
    async deleteInstallation(id) {
      await sql.run('DELETE FROM installations WHERE team_id = ?', [id]);
    },
  };
}
