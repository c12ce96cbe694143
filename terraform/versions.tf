terraform {
  # 1.11 for write-only arguments (secret_data_wo): the JWT key set given as a variable is
  # sent to Secret Manager but never stored in the Terraform state.
  required_version = ">= 1.11"

  required_providers {
    google = {
      source = "hashicorp/google"
      # Argument names were checked against the 6.50 schema; try 7.x with a plan first.
      version = ">= 6.23, < 7.0"
    }
  }

  # The state holds the Memorystore AUTH string and the composed SESSION_REDIS_URI, so it is
  # kept in a GCS bucket (encrypted, access-controlled, versioned), never on a laptop:
  #   terraform init -backend-config="bucket=MY_STATE_BUCKET" -backend-config="prefix=session-filter"
  backend "gcs" {}
}

provider "google" {
  project = var.project_id
  region  = var.region
}
