/** Delivers one text message; the port behind which SMS gateways sit (ADR 0003). */
export abstract class SmsSender {
  /** `phone` is the normalised 11-digit number. Failures throw an ApiError (502). */
  abstract send(phone: string, text: string): Promise<void>;
}
