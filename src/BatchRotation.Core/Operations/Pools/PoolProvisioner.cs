using System;
using System.Linq;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using BatchRotation.Core.Azure.Models;
using BatchRotation.Core.Errors;
using BatchRotation.Core.Model;

namespace BatchRotation.Core.Operations.Pools
{
    /// <summary>
    /// New-RotatingBatchPool: creates a pool whose certificates rotate, right the first time. Pre-flight checks
    /// (<see cref="PoolPreflight"/>) run before any write; the PUT is create-only (<c>If-None-Match: *</c>); an
    /// existing pool is never modified (Batch cannot update extensions, FACTS §4) but, with
    /// <see cref="NewRotatingBatchPoolRequest.Force"/> and the sink's consent, deleted and created again.
    /// </summary>
    public sealed class PoolProvisioner
    {
        private readonly PoolClients _clients;
        private readonly PoolOperationOptions _options;

        public PoolProvisioner(PoolClients clients, PoolOperationOptions? options = null)
        {
            _clients = clients ?? throw new ArgumentNullException(nameof(clients));
            _options = options ?? PoolOperationOptions.Default;
        }

        /// <summary>
        /// Creates the pool and returns it (after <see cref="NewRotatingBatchPoolRequest.Wait"/>, once its nodes are ready);
        /// null when ShouldProcess declined (-WhatIf, or "No" at -Confirm).
        /// </summary>
        public async Task<RotatingBatchPool?> CreateAsync(NewRotatingBatchPoolRequest request, IOperationSink sink, CancellationToken cancellationToken)
        {
            if (sink == null) throw new ArgumentNullException(nameof(sink));
            var plan = await new PoolPreflight(_clients, sink, _options.UtcNow).RunAsync(request, cancellationToken).ConfigureAwait(false);
            var poolId = plan.PoolId.ToString();

            var existing = await _clients.BatchManagement.TryGetPoolAsync(poolId, cancellationToken).ConfigureAwait(false);
            if (existing != null)
            {
                if (!request.Force)
                {
                    throw AlreadyExists(plan, existing);
                }

                var work = await new PoolWorkCounter(_clients.BatchNodes, sink).CountAsync(existing, plan.Account.AccountEndpoint, cancellationToken).ConfigureAwait(false);
                sink.WriteWarning($"Pool '{plan.PoolId.PoolName}' already exists with {work}. -Force deletes it, with its nodes and any running tasks, and creates it again.");
                if (!sink.ShouldProcess(poolId, $"Delete the existing pool ({work}) and create it again as a {plan.Describe()}"))
                {
                    return null;
                }

                sink.WriteProgress(new OperationProgress(43, "New-RotatingBatchPool", $"Deleting the existing pool '{plan.PoolId.PoolName}'"));
                await _clients.BatchManagement.DeletePoolAsync(poolId, cancellationToken).ConfigureAwait(false);
                sink.WriteProgress(new OperationProgress(43, "New-RotatingBatchPool", "Deleted") { Completed = true });
                sink.WriteVerbose($"Deleted the existing pool {poolId}.");
            }
            else if (!sink.ShouldProcess(poolId, $"Create a {plan.Describe()}"))
            {
                return null;
            }

            var created = await CreateOnlyAsync(plan, cancellationToken).ConfigureAwait(false);
            sink.WriteVerbose($"Created pool {poolId} (ETag {created.ETag}).");
            if (request.Wait)
            {
                var endpoint = plan.Account.AccountEndpoint
                    ?? throw new BatchRotationException(PoolErrorIds.AccountNotFound, ErrorKind.InvalidData,
                        $"Batch account {plan.Account.Id} reports no accountEndpoint, so its nodes cannot be followed.", plan.Account.Id);
                created = await new PoolReadinessWatcher(_clients, sink, _options)
                    .WaitAsync(plan.PoolId, endpoint, request.Timeout ?? PoolOperationOptions.DefaultWaitTimeout, cancellationToken)
                    .ConfigureAwait(false);
            }

            return RotatingBatchPoolFactory.From(created, plan.Account.AccountEndpoint);
        }

        /// <summary>
        /// Runs the same pre-flight checks (except whether the pool exists) and returns the PUT body as indented JSON,
        /// ready for <c>Invoke-AzRestMethod</c>, an ARM template's pool resource or <c>ConvertFrom-Json</c>. Writes nothing.
        /// </summary>
        public async Task<string> BuildTemplateAsync(NewRotatingBatchPoolRequest request, IOperationSink sink, CancellationToken cancellationToken)
        {
            if (sink == null) throw new ArgumentNullException(nameof(sink));
            var plan = await new PoolPreflight(_clients, sink, _options.UtcNow).RunAsync(request, cancellationToken).ConfigureAwait(false);
            sink.WriteVerbose($"The body below is for PUT {plan.PoolId}?api-version={Rules.PoolBodyBuilder.ApiVersion} with the header 'If-None-Match: *'.");
            return ToJson(plan.Body);
        }

        /// <summary>Indented JSON without needless escapes (URLs and paths stay readable).</summary>
        public static string ToJson(JsonObject body) =>
            body.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

        private async Task<BatchPool> CreateOnlyAsync(PoolPlan plan, CancellationToken cancellationToken)
        {
            try
            {
                return await _clients.BatchManagement.CreatePoolAsync(plan.PoolId.ToString(), plan.Body, cancellationToken).ConfigureAwait(false);
            }
            catch (BatchRotationException e) when (e.Kind == ErrorKind.ResourceExists)
            {
                // Someone created it between the check and the PUT: If-None-Match kept it intact.
                throw AzureFailures.Relabel(e, PoolErrorIds.PoolAlreadyExists, ErrorKind.ResourceExists,
                    $"Pool '{plan.PoolId.PoolName}' was created by someone else while this command ran; it was left untouched.",
                    plan.PoolId.ToString(), RecreateRemedy);
            }
        }

        private const string RecreateRemedy =
            "Recreating is the only way to change a pool's Key Vault extension or identity: run the same command again with -Force "
            + "(it deletes the pool, its nodes and their running tasks, then creates it anew), or choose another -Name.";

        private static BatchRotationException AlreadyExists(PoolPlan plan, BatchPool existing)
        {
            var nodes = (existing.CurrentDedicatedNodes ?? 0) + (existing.CurrentLowPriorityNodes ?? 0);
            var extension = RotatingBatchPoolFactory.FindKeyVaultExtension(existing);
            var has = extension == null ? "no Key Vault extension" : $"{extension.Type} {extension.TypeHandlerVersion}";
            return new BatchRotationException(PoolErrorIds.PoolAlreadyExists, ErrorKind.ResourceExists,
                $"Pool '{plan.PoolId.PoolName}' already exists in account '{plan.PoolId.Account.AccountName}' ({AzureFailures.Plural(nodes, "node", "nodes")}, {has}). "
                + "New-RotatingBatchPool never modifies an existing pool: Batch cannot change the extensions of a pool in place (PropertyCannotBeUpdated).",
                plan.PoolId.ToString())
            {
                Remedy = RecreateRemedy,
            };
        }
    }
}
