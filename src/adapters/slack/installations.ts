import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { Installation, InstallationQuery, InstallationStore } from '@slack/bolt';
import type { Clock } from '../../core/ports.js';

/** Where installations are kept: one opaque (encrypted) record per workspace or Enterprise Grid org. */
export interface InstallationRecords {
  saveInstallation(id: string, enterpriseId: string | null, dataEnc: string, now: number): Promise<void>;
  getInstallation(id: string): Promise<string | null>;
  deleteInstallation(id: string): Promise<void>;
}

/**
 * AES-256-GCM with a random 96-bit nonce per record: `v1.<nonce>.<tag>.<ciphertext>` (base64url). The tag
 * authenticates the record and its workspace id (as associated data), so a record copied onto another
 * workspace's row does not decrypt.
 */
export function tokenCipher(key: Buffer) {
  if (key.length !== 32) throw new Error('the token key must be 32 bytes');
  return {
    encrypt(plain: string, id: string): string {
      const nonce = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, nonce);
      cipher.setAAD(Buffer.from(id));
      const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return ['v1', nonce, cipher.getAuthTag(), data]
        .map((p) => (typeof p === 'string' ? p : p.toString('base64url')))
        .join('.');
    },
    decrypt(sealed: string, id: string): string {
      const [version, nonce, tag, data] = sealed.split('.');
      if (version !== 'v1' || !nonce || !tag || data === undefined)
        throw new Error('unknown installation record format');
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(nonce, 'base64url'));
      decipher.setAAD(Buffer.from(id));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString(
        'utf8',
      );
    },
  };
}

const idOf = (q: {
  isEnterpriseInstall?: boolean;
  enterpriseId?: string | undefined;
  teamId?: string | undefined;
}) => {
  const id = q.isEnterpriseInstall ? q.enterpriseId : q.teamId;
  if (!id) throw new Error('an installation needs a workspace or organisation id');
  return id;
};

/** Bolt's installation store over the database, every record encrypted at rest. */
export function encryptedInstallationStore(
  records: InstallationRecords,
  key: Buffer,
  clock: Clock,
): InstallationStore {
  const cipher = tokenCipher(key);
  return {
    async storeInstallation(installation: Installation) {
      const id = idOf({
        isEnterpriseInstall: installation.isEnterpriseInstall ?? false,
        enterpriseId: installation.enterprise?.id,
        teamId: installation.team?.id,
      });
      await records.saveInstallation(
        id,
        installation.enterprise?.id ?? null,
        cipher.encrypt(JSON.stringify(installation), id),
        clock(),
      );
    },
    async fetchInstallation(query: InstallationQuery<boolean>) {
      const id = idOf(query);
      const sealed = await records.getInstallation(id);
      if (!sealed) throw new Error(`STAR Coach is not installed in ${id}`);
      return JSON.parse(cipher.decrypt(sealed, id)) as Installation;
    },
    async deleteInstallation(query: InstallationQuery<boolean>) {
      await records.deleteInstallation(idOf(query));
    },
  };
}
