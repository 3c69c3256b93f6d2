import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { PageHeader } from '../../components/ui/PageHeader';
import { userKeys } from '../../features/users/api';
import { UserCreateForm } from '../../features/users/components/UserCreateForm';
import { notifySuccess } from '../../lib/notify';

export function UserCreatePage() {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  return (
    <>
      <PageHeader title="Invite user" subtitle="Create an account and choose its role" />
      <UserCreateForm
        onCancel={() => navigate('/users')}
        onCreated={(user, invited) => {
          void queryClient.invalidateQueries({ queryKey: userKeys.all });
          notifySuccess(
            invited ? `An invitation was sent to ${user.email}.` : `${user.email} can sign in now.`,
            'User created',
          );
          navigate(`/users/${user.id}`);
        }}
      />
    </>
  );
}
