import { Injectable } from '@nestjs/common';
import { AppConfig } from '../../config';
import { sm4EcbEncryptHex } from '../../crypto';
import { Clock } from '../../common/clock';
import { NonceSource } from './nonce-source';
import { interopErrors } from './interop-errors';
import { tifHeaders, tifTimestamp } from './province-signature';
import { AUTHORISATION_SETTINGS, requireSettings, RETRIEVAL_SETTINGS } from './province-settings';
import { retrievalUrl } from './retrieval-param';

/** The province is on the government extranet; a call that takes longer has failed. */
const CALL_TIMEOUT_MS = 15_000;

export interface AuthorisationCall {
  readonly patientName: string;
  /** The patient's ID number in clear; only its SM4 ciphertext leaves the engine. */
  readonly idcard: string;
  /** 1–30; the seed fixes 30 for the authorisation interface. */
  readonly authDays: number;
}

export interface RetrievalCall {
  /** The doctor's login account and name in the calling system (staffNo, staffName). */
  readonly staffNo: string;
  readonly staffName: string;
  /** Appendix 4 code, e.g. `01` resident ID. */
  readonly cardType: string;
  readonly idcard: string;
  readonly patientName: string;
  /** The patient's id inside the institution; empty when the caller has none. */
  readonly patientId: string;
}

interface ProvinceAnswer {
  readonly returnCode?: unknown;
  readonly returnDesc?: unknown;
}

/**
 * Client of the Guangdong health-record interop system (seed 002): the authorisation call
 * (`codeAuthRec/save`, gateway-signed) and the retrieval address (SM4-ECB `param`). Failures
 * become ApiErrors: 503 when not configured, 502 with the province's reason otherwise.
 */
@Injectable()
export class ProvinceHealthRecordClient {
  constructor(
    private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly nonces: NonceSource,
  ) {}

  /** Throws unless the province answers `{"returnCode":"1"}`. */
  async authorise(call: AuthorisationCall): Promise<void> {
    const settings = requireSettings(this.config.province, AUTHORISATION_SETTINGS);
    const body = {
      codeAuthRec: {
        authDays: call.authDays,
        patientIdcard: sm4EcbEncryptHex(settings.sm4Key, call.idcard),
        patientName: call.patientName,
        orgCode: settings.orgCode,
        orgName: settings.orgName,
        status: '1',
        appId: settings.appId,
      },
    };
    const headers = tifHeaders(
      settings.paasId,
      settings.paasToken,
      tifTimestamp(this.clock.now()),
      this.nonces.next(),
    );
    const response = await this.post(settings.authUrl, headers, body);
    // The seed's order: protocol first (HTTP), then the business answer.
    const answer = await readAnswer(response);
    if (!response.ok) {
      throw interopErrors.provinceHttpError(response.status, textOf(answer?.returnDesc));
    }
    if (answer === undefined) throw interopErrors.provinceMalformed();
    if (answer.returnCode !== '1') {
      throw interopErrors.provinceRefused(
        textOf(answer.returnCode) ?? '',
        textOf(answer.returnDesc) ?? '',
      );
    }
  }

  /** The address the doctor's browser opens to view the record; the engine never fetches it. */
  retrievalUrl(call: RetrievalCall): string {
    const settings = requireSettings(this.config.province, RETRIEVAL_SETTINGS);
    return retrievalUrl(settings.recordUrl, settings.sm4Key, settings.appId, {
      orgCode: settings.orgCode,
      staffNo: call.staffNo,
      staffName: call.staffName,
      cardType: call.cardType,
      idcard: call.idcard,
      patientName: call.patientName,
      patientId: call.patientId,
      callSysCode: settings.callSysCode,
    });
  }

  private async post(
    url: string,
    headers: Record<string, string>,
    body: unknown,
  ): Promise<Response> {
    try {
      return await fetch(url, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json;charset=UTF-8' },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(CALL_TIMEOUT_MS),
      });
    } catch (error) {
      const cause = (error as { cause?: { code?: string } }).cause?.code;
      const name = error instanceof Error ? error.name : 'error';
      throw interopErrors.provinceUnreachable(cause ?? name);
    }
  }
}

/** The JSON answer, or undefined when the body is not a JSON object. */
async function readAnswer(response: Response): Promise<ProvinceAnswer | undefined> {
  const text = await response.text().catch(() => '');
  try {
    const parsed: unknown = JSON.parse(text);
    return typeof parsed === 'object' && parsed !== null ? (parsed as ProvinceAnswer) : undefined;
  } catch {
    return undefined;
  }
}

function textOf(value: unknown): string | undefined {
  return typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;
}
