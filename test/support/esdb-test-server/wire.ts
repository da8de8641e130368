/**
 * Conversions between the test server's log and the protobuf messages generated inside @eventstore/db-client.
 * Replies must be instances of those generated classes: the gRPC serializers check `instanceof`.
 */
import { Metadata, status as GrpcStatus, type ServiceError } from '@grpc/grpc-js';
import type { Message } from 'google-protobuf';
import { Any } from 'google-protobuf/google/protobuf/any_pb';
import { Empty as ProtoEmpty } from 'google-protobuf/google/protobuf/empty_pb';
import { Code } from '@eventstore/db-client/generated/code_pb';
import * as shared from '@eventstore/db-client/generated/shared_pb';
import { Status } from '@eventstore/db-client/generated/status_pb';
import * as streams from '@eventstore/db-client/generated/streams_pb';
import type { ExpectedState, LogRecord, ProposedEvent } from './esdb-log';

export function parseUuid(uuid: shared.UUID | undefined): string | undefined {
  if (!uuid) return undefined;
  if (uuid.hasStructured()) {
    const structured = uuid.getStructured()!;
    const bytes = Buffer.alloc(16);
    bytes.writeBigInt64BE(BigInt(structured.getMostSignificantBits()), 0);
    bytes.writeBigInt64BE(BigInt(structured.getLeastSignificantBits()), 8);
    const hex = bytes.toString('hex');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  }
  // EventStoreDB parses ids into a Guid, so they come back in canonical lower case.
  return uuid.getString().toLowerCase();
}

/** Ids go back in the form the reader asked for (ReadReq.Options.uuid_option). */
export function toUuid(id: string, structured: boolean): shared.UUID {
  const uuid = new shared.UUID();
  if (!structured) return uuid.setString(id);
  const bytes = Buffer.from(id.replace(/-/g, ''), 'hex');
  return uuid.setStructured(
    new shared.UUID.Structured()
      .setMostSignificantBits(bytes.readBigInt64BE(0).toString())
      .setLeastSignificantBits(bytes.readBigInt64BE(8).toString()),
  );
}

export function streamName(identifier: shared.StreamIdentifier | undefined): string {
  return Buffer.from(identifier?.getStreamName_asU8() ?? new Uint8Array()).toString('utf8');
}

export function streamIdentifier(name: string): shared.StreamIdentifier {
  return new shared.StreamIdentifier().setStreamName(Buffer.from(name, 'utf8'));
}

/** A proposed message of Append or BatchAppend; `type` and `content-type` are required, as in EventStoreDB. */
export function toProposedEvent(
  message: streams.AppendReq.ProposedMessage | streams.BatchAppendReq.ProposedMessage,
): ProposedEvent | ServiceError {
  const metadata = message.getMetadataMap();
  const type = metadata.get('type');
  const contentType = metadata.get('content-type');
  const eventId = parseUuid(message.getId());
  if (type === undefined) return requiredMetadataMissing('type');
  if (contentType === undefined) return requiredMetadataMissing('content-type');
  if (eventId === undefined) return invalidArgument('proposed message without an id');
  return {
    eventId,
    type,
    contentType,
    data: message.getData_asU8(),
    metadata: message.getCustomMetadata_asU8(),
  };
}

export function toReadEvent(record: LogRecord, structuredIds: boolean): streams.ReadResp.ReadEvent {
  const recorded = new streams.ReadResp.ReadEvent.RecordedEvent()
    .setId(toUuid(record.eventId, structuredIds))
    .setStreamIdentifier(streamIdentifier(record.streamId))
    .setStreamRevision(record.revision.toString())
    .setCommitPosition(record.position.toString())
    .setPreparePosition(record.position.toString())
    .setData(record.data)
    .setCustomMetadata(record.metadata);
  recorded
    .getMetadataMap()
    .set('type', record.type)
    .set('content-type', record.contentType)
    .set('created', record.createdTicks.toString());
  return new streams.ReadResp.ReadEvent().setEvent(recorded).setCommitPosition(record.position.toString());
}

export function expectedStateOfAppend(options: streams.AppendReq.Options): ExpectedState {
  switch (options.getExpectedStreamRevisionCase()) {
    case streams.AppendReq.Options.ExpectedStreamRevisionCase.REVISION:
      return { kind: 'revision', revision: BigInt(options.getRevision()) };
    case streams.AppendReq.Options.ExpectedStreamRevisionCase.NO_STREAM:
      return { kind: 'no_stream' };
    case streams.AppendReq.Options.ExpectedStreamRevisionCase.STREAM_EXISTS:
      return { kind: 'stream_exists' };
    default:
      return { kind: 'any' };
  }
}

export function expectedStateOfBatch(options: streams.BatchAppendReq.Options): ExpectedState {
  switch (options.getExpectedStreamPositionCase()) {
    case streams.BatchAppendReq.Options.ExpectedStreamPositionCase.STREAM_POSITION:
      return { kind: 'revision', revision: BigInt(options.getStreamPosition()) };
    case streams.BatchAppendReq.Options.ExpectedStreamPositionCase.NO_STREAM:
      return { kind: 'no_stream' };
    case streams.BatchAppendReq.Options.ExpectedStreamPositionCase.STREAM_EXISTS:
      return { kind: 'stream_exists' };
    default:
      return { kind: 'any' };
  }
}

/** `event_store.client.WrongExpectedVersion`, the details of a BatchAppend conflict. */
export function wrongExpectedVersionDetails(
  current: bigint | undefined,
  expected: ExpectedState,
): shared.WrongExpectedVersion {
  const details = new shared.WrongExpectedVersion();
  if (current === undefined) details.setCurrentNoStream(new ProtoEmpty());
  else details.setCurrentStreamRevision(current.toString());
  switch (expected.kind) {
    case 'any':
      return details.setExpectedAny(new ProtoEmpty());
    case 'no_stream':
      return details.setExpectedNoStream(new ProtoEmpty());
    case 'stream_exists':
      return details.setExpectedStreamExists(new ProtoEmpty());
    case 'revision':
      return details.setExpectedStreamPosition(expected.revision.toString());
  }
}

/**
 * A `google.rpc.Status` with its details packed as `Any`, as BatchAppend reports errors. The client unpacks the
 * details unconditionally, so an error without them crashes it.
 */
export function packedStatus(code: Code, message: string, details: Message, typeName: string): Status {
  const any = new Any();
  any.pack(details.serializeBinary(), typeName);
  return new Status().setCode(code).setMessage(message).setDetails(any);
}

export const timeoutStatus = (): Status =>
  packedStatus(Code.DEADLINE_EXCEEDED, 'Timeout', new shared.Timeout(), 'event_store.client.Timeout');

export const maxAppendSizeStatus = (maxAppendSize: number): Status =>
  packedStatus(
    Code.INVALID_ARGUMENT,
    'MaximumAppendSizeExceeded',
    new shared.MaximumAppendSizeExceeded().setMaxappendsize(maxAppendSize),
    'event_store.client.MaximumAppendSizeExceeded',
  );

export const badRequestStatus = (message: string): Status =>
  packedStatus(
    Code.INVALID_ARGUMENT,
    'BadRequest',
    new shared.BadRequest().setMessage(message),
    'event_store.client.BadRequest',
  );

/** Errors of the unary and streaming calls carry their kind in the `exception` trailer (RpcExceptions.cs). */
function rpcException(code: GrpcStatus, details: string, trailers: Record<string, string>): ServiceError {
  const metadata = new Metadata();
  for (const [key, value] of Object.entries(trailers)) metadata.set(key, value);
  return Object.assign(new Error(details), { code, details, metadata });
}

export const maxAppendSizeExceeded = (maxAppendSize: number): ServiceError =>
  rpcException(GrpcStatus.INVALID_ARGUMENT, `Maximum Append Size of ${maxAppendSize} Exceeded.`, {
    exception: 'maximum-append-size-exceeded',
    'maximum-append-size': String(maxAppendSize),
  });

export const requiredMetadataMissing = (property: string): ServiceError =>
  rpcException(GrpcStatus.INVALID_ARGUMENT, `Required metadata property ${property} is missing.`, {
    exception: 'missing-required-metadata-property',
    'required-metadata-properties': property,
  });

export const invalidArgument = (details: string): ServiceError =>
  rpcException(GrpcStatus.INVALID_ARGUMENT, details, {});

export function isServiceError(value: unknown): value is ServiceError {
  return value instanceof Error && typeof (value as Partial<ServiceError>).code === 'number';
}
