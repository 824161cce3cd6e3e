/** What the rest of the engine may import from `crypto/` (ADR 0015); the rest is internal. */
export { Sm4FieldCipher } from './field-cipher';
export { BlindIndex, FieldCipher, TamperedFieldError, isEncryptedField } from './field-protection';
export type { EncryptedField, FieldLocation } from './field-protection';
export { maskPersonal } from './masking';
export { PasswordHasher } from './password-hasher';
export { reencryptCollection } from './reencrypt';
export type { ReencryptionReport } from './reencrypt';
export { equalBytes, hmacSm3, sm3Hex } from './sm3';
export { sm4EcbDecryptHex, sm4EcbEncryptHex } from './sm4';
export { CryptoModule } from './crypto.module';
