/**
 * The one error type of the DynamoDB-facing API. Operations throw it; only the HTTP layer turns it
 * into a response (`toBody()` + `status`). Anything else that escapes becomes a 500
 * InternalServerError with its cause logged.
 *
 * DynamoDB's errors differ in namespace and in the casing of the message key: coral framework
 * errors (validation, serialization, auth) live in `com.amazon.coral.*`, service errors in
 * `com.amazonaws.dynamodb.v20120810`; SerializationException, TransactionCanceledException and a
 * ConditionalCheckFailedException that carries an `Item` use `Message`, most others `message`.
 */
export const NS_DYNAMODB = 'com.amazonaws.dynamodb.v20120810';
export const NS_CORAL_VALIDATE = 'com.amazon.coral.validate';
export const NS_CORAL_SERVICE = 'com.amazon.coral.service';

export interface DynamoErrorInit {
  name: string;
  namespace: string;
  message?: string | undefined;
  status?: number;
  /** `message` (default) or `Message`. */
  messageKey?: 'message' | 'Message';
  /** Extra members of the error body, e.g. `Item` or `CancellationReasons`. */
  extra?: Record<string, unknown>;
}

export class DynamoError extends Error {
  readonly code: string;
  readonly namespace: string;
  readonly status: number;
  readonly messageKey: 'message' | 'Message';
  readonly extra: Record<string, unknown> | undefined;
  readonly hasMessage: boolean;

  constructor(init: DynamoErrorInit) {
    super(init.message ?? init.name);
    this.name = 'DynamoError';
    this.code = init.name;
    this.namespace = init.namespace;
    this.status = init.status ?? 400;
    this.messageKey = init.messageKey ?? 'message';
    this.extra = init.extra;
    this.hasMessage = init.message !== undefined;
  }

  /** `__type` as DynamoDB writes it. */
  get type(): string {
    return `${this.namespace}#${this.code}`;
  }

  /** The JSON body DynamoDB sends for this error. */
  toBody(): Record<string, unknown> {
    const body: Record<string, unknown> = { __type: this.type };
    if (this.hasMessage) body[this.messageKey] = this.message;
    if (this.extra) Object.assign(body, this.extra);
    return body;
  }

  static validation(message: string): DynamoError {
    return new DynamoError({ name: 'ValidationException', namespace: NS_CORAL_VALIDATE, message });
  }

  static serialization(message?: string): DynamoError {
    return new DynamoError({
      name: 'SerializationException',
      namespace: NS_CORAL_SERVICE,
      message,
      messageKey: 'Message',
    });
  }

  static resourceNotFound(message = 'Requested resource not found'): DynamoError {
    return new DynamoError({ name: 'ResourceNotFoundException', namespace: NS_DYNAMODB, message });
  }

  static resourceInUse(message: string): DynamoError {
    return new DynamoError({ name: 'ResourceInUseException', namespace: NS_DYNAMODB, message });
  }

  static limitExceeded(message: string): DynamoError {
    return new DynamoError({ name: 'LimitExceededException', namespace: NS_DYNAMODB, message });
  }

  /**
   * With an `Item` (ReturnValuesOnConditionCheckFailure ALL_OLD) DynamoDB writes the message as
   * `Message`; without one as `message` (LocalStack's AWS-validated
   * test_return_values_on_conditions_check_failure snapshot; moto's AWS-verified exceptions).
   */
  static conditionalCheckFailed(item?: Record<string, unknown>): DynamoError {
    return new DynamoError({
      name: 'ConditionalCheckFailedException',
      namespace: NS_DYNAMODB,
      message: 'The conditional request failed',
      messageKey: item ? 'Message' : 'message',
      extra: item ? { Item: item } : undefined,
    });
  }

  static service(name: string, message?: string, status = 400): DynamoError {
    return new DynamoError({ name, namespace: NS_DYNAMODB, message, status });
  }

  static coral(name: string, message?: string, status = 400): DynamoError {
    return new DynamoError({ name, namespace: NS_CORAL_SERVICE, message, status });
  }

  static internal(message = 'Internal server error'): DynamoError {
    return new DynamoError({ name: 'InternalServerError', namespace: NS_DYNAMODB, message, status: 500 });
  }
}

export function isDynamoError(e: unknown): e is DynamoError {
  return e instanceof DynamoError;
}
