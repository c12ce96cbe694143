output "service_url" {
  description = "HTTPS address of the Cloud Run service."
  value       = google_cloud_run_v2_service.app.uri
}

output "image_repository" {
  description = "Push the image here: docker build -f docker/Dockerfile -t <this>/demo:TAG . && docker push <this>/demo:TAG"
  value       = "${google_artifact_registry_repository.images.location}-docker.pkg.dev/${var.project_id}/${google_artifact_registry_repository.images.repository_id}"
}

output "service_account_email" {
  description = "Identity the service runs as (secretAccessor on its three secrets only)."
  value       = google_service_account.run.email
}

output "redis_host" {
  description = "Private address of the Memorystore instance (reachable from the VPC only)."
  value       = google_redis_instance.sessions.host
}

output "redis_port" {
  description = "Port of the Memorystore instance (6378 with in-transit encryption)."
  value       = google_redis_instance.sessions.port
}

output "redis_server_ca_pem" {
  description = "CA certificate(s) that sign the Memorystore server certificate (public, not secret). Also mounted in the container at /etc/session-filter/redis-ca/ca.pem."
  value       = local.redis_ca_pem
}

output "secret_ids" {
  description = "Secret Manager secrets the service reads."
  value = {
    jwt_keys  = google_secret_manager_secret.jwt_keys.secret_id
    redis_uri = google_secret_manager_secret.redis_uri.secret_id
    redis_ca  = google_secret_manager_secret.redis_ca.secret_id
  }
}
